package io.scimserver.scim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a cursor is bound to. */
class ResourceQueryTest {

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
