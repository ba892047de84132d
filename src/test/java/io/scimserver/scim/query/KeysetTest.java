package io.scimserver.scim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimserver.scim.filter.sql.SortKey;
import io.scimserver.scim.filter.sql.SqlFragment;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL of keyset paging: the order of a scan and the condition "after this row" in that order. */
class KeysetTest {

    private static final SortKey CREATED = new SortKey("u.created", "timestamptz", false);
    private static final SortKey FAMILY = new SortKey("left(lower(u.attributes -> 'name' ->> 'familyName'), 512)",
            "text", true);
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000007");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            false | false | u.created ASC, u.id ASC
            true  | false | u.created DESC, u.id DESC
            true  | true  | u.created DESC, u.id DESC
            """)
    void aKeyThatCannotBeNullHasNoNullsClauseSoItsIndexServesBothDirections(boolean descending, boolean nullsFirst,
            String sql) {
        assertEquals(sql, Keyset.orderBy(CREATED, "u.id", descending, nullsFirst));
    }

    @Test
    void nullKeysSortLastForwardsAndFirstBackwards() {
        String k = FAMILY.expr();
        assertEquals(k + " ASC NULLS LAST, u.id ASC", Keyset.orderBy(FAMILY, "u.id", false, false));
        assertEquals(k + " DESC NULLS LAST, u.id DESC", Keyset.orderBy(FAMILY, "u.id", true, false));
        // a backward scan of the ascending order
        assertEquals(k + " DESC NULLS FIRST, u.id DESC", Keyset.orderBy(FAMILY, "u.id", true, true));
    }

    @Test
    void afterARowOfANotNullKeyIsARowComparison() {
        assertEquals(new SqlFragment("(u.created, u.id) > (CAST(? AS timestamptz), ?)",
                List.of("2026-01-02 03:04:05.123456+00", ID)),
                Keyset.after(CREATED, "u.id", false, false, "2026-01-02 03:04:05.123456+00", ID));
        assertEquals("(u.created, u.id) < (CAST(? AS timestamptz), ?)",
                Keyset.after(CREATED, "u.id", true, false, "x", ID).sql());
    }

    @Test
    void afterARowWithAKeyNullsLastAlsoTakesEveryNullKey() {
        String k = FAMILY.expr();
        assertEquals(new SqlFragment("(" + k + " > CAST(? AS text) OR (" + k + " = CAST(? AS text) AND u.id > ?) OR "
                + k + " IS NULL)", List.of("jensen", "jensen", ID)),
                Keyset.after(FAMILY, "u.id", false, false, "jensen", ID));
        assertEquals("(" + k + " < CAST(? AS text) OR (" + k + " = CAST(? AS text) AND u.id < ?) OR " + k
                + " IS NULL)", Keyset.after(FAMILY, "u.id", true, false, "jensen", ID).sql());
    }

    @Test
    void afterARowWithAKeyNullsFirstTakesNoNullKey() {
        String k = FAMILY.expr();
        assertEquals("(" + k + " < CAST(? AS text) OR (" + k + " = CAST(? AS text) AND u.id < ?))",
                Keyset.after(FAMILY, "u.id", true, true, "jensen", ID).sql());
    }

    @Test
    void afterARowWithoutAKeyOrdersTheNullKeysById() {
        String k = FAMILY.expr();
        assertEquals(new SqlFragment("(" + k + " IS NULL AND u.id > ?)", List.of(ID)),
                Keyset.after(FAMILY, "u.id", false, false, null, ID));
        // backwards (NULLs first), every row with a key comes after the NULL ones
        assertEquals(new SqlFragment("(" + k + " IS NOT NULL OR u.id < ?)", List.of(ID)),
                Keyset.after(FAMILY, "u.id", true, true, null, ID));
    }
}
