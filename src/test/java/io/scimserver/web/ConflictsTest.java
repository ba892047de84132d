package io.scimserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Constraints reported by statements run with plain JDBC get the answers Hibernate's get. */
class ConflictsTest {

    private static ScimException answer(String sqlState) {
        return Conflicts.fromStatement(new IllegalStateException("a statement failed",
                new SQLException("refused", sqlState)), "the userName is taken");
    }

    @Test
    void aUniqueViolationIsUniquenessWithTheDetailGiven() {
        ScimException e = answer("23505");
        assertEquals(409, e.status());
        assertEquals(ScimType.UNIQUENESS, e.scimType());
        assertEquals("the userName is taken", e.detail());
    }

    @Test
    void aForeignKeyThatNoLongerHoldsIsAConflictToRetry() {
        assertEquals(409, answer("23503").status());
        assertNull(answer("23503").scimType());
    }

    @Test
    void notNullAndCheckViolationsAreInvalidValues() {
        assertEquals(ScimType.INVALID_VALUE, answer("23502").scimType());
        assertEquals(400, answer("23514").status());
    }

    @Test
    void otherFailuresAreNoConstraintAClientBroke() {
        assertNull(answer("23P01")); // exclusion: no such constraint here, so a bug
        assertNull(answer("08006")); // a lost connection: 503, answered elsewhere
        assertNull(Conflicts.fromStatement(new IllegalStateException("no SQL at all"), "taken"));
    }
}
