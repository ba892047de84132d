package io.scimserver.scim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Placeholder numbering: only the {@code ?} outside quoted literals and identifiers are parameters. */
class ResourceQueryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            u.org_id = ? and (lower(u.user_name) = lower(?))        | u.org_id = ?1 and (lower(u.user_name) = lower(?2))
            u.attributes -> 'wh?t' = ? and x = ?                   | u.attributes -> 'wh?t' = ?1 and x = ?2
            a = 'it''s ?' and b = ?                                | a = 'it''s ?' and b = ?1
            "we?rd" = ? and c LIKE ? ESCAPE '\\' and d = ?         | "we?rd" = ?1 and c LIKE ?2 ESCAPE '\\' and d = ?3
            x = '' and y = ?                                       | x = '' and y = ?1
            """)
    void numbersOnlyPlaceholdersOutsideQuotes(String sql, String expected) {
        assertEquals(expected, ResourceQuery.numbered(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            userName sw "J"                                  | username sw "J"
            name.familyName eq "O\\"Malley" and Active eq true | name.familyname eq "O\\"Malley" and active eq true
            emails[Type eq "Work\\\\"] or X pr              | emails[type eq "Work\\\\"] or x pr
            """)
    void aCursorIsBoundToTheFilterWithNamesInLowerCaseAndValuesAsWritten(String printed, String expected) {
        assertEquals(expected, ResourceQuery.namesInLowerCase(printed));
    }
}
