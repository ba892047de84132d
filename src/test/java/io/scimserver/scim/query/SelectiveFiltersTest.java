package io.scimserver.scim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.filter.sql.ScimTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which filters a unique index answers with at most one row, so that their page is read in two steps. */
class SelectiveFiltersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "USERS  | userName eq \"bjensen@example.com\"                                        | true",
            "USERS  | USERNAME eq \"bjensen@example.com\"                                        | true",
            "USERS  | urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"b\"               | true",
            "USERS  | id eq \"2819c223-7f76-453a-919d-413861904646\"                             | true",
            "USERS  | userName eq \"b\" and active eq true                                       | true",
            "USERS  | active eq true and (userName eq \"b\")                                     | true",
            "USERS  | userName eq \"a\" or userName eq \"b\"                                       | false",
            "USERS  | userName ne \"b\"                                                          | false",
            "USERS  | userName sw \"b\"                                                          | false",
            "USERS  | not (userName eq \"b\")                                                    | false",
            "USERS  | externalId eq \"b\"                                                        | false",
            "USERS  | displayName eq \"Babs\"                                                    | false",
            "USERS  | name.givenName eq \"Barbara\"                                              | false",
            "USERS  | emails[value eq \"b@example.com\"]                                         | false",
            "USERS  | urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName eq \"b\" | false",
            "GROUPS | displayName eq \"Sales\"                                                  | true",
            "GROUPS | userName eq \"b\"                                                         | false",
            "GROUPS | externalId eq \"x\"                                                       | false",
    })
    void atMostOneRow(ScimTable table, String filter, boolean expected) {
        assertEquals(expected, SelectiveFilters.atMostOneRow(table, FilterParser.parse(filter.strip(), 16)), filter);
    }
}
