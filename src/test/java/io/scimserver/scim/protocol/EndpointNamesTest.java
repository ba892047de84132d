package io.scimserver.scim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Leniency rule: SCIM endpoint names in any case, rewritten to their canonical case; nothing else touched. */
class EndpointNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /scim/v2/users                                | /scim/v2/Users
            /scim/v2/USERS/2819c223-7f76-453a-919d-413861904646 | /scim/v2/Users/2819c223-7f76-453a-919d-413861904646
            /SCIM/V2/Users/AbC                            | /scim/v2/Users/AbC
            /scim/v2/groups/x/y                           | /scim/v2/Groups/x/y
            /scim/v2/GROUPS                               | /scim/v2/Groups
            /scim/v2/serviceproviderconfig                | /scim/v2/ServiceProviderConfig
            /scim/v2/resourcetypes/user                   | /scim/v2/ResourceTypes/user
            /scim/v2/SCHEMAS/urn:ietf:params:scim:schemas:core:2.0:user | /scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:user
            /scim/v2/me                                   | /scim/v2/Me
            /scim/v2/ME/                                  | /scim/v2/Me/
            /scim/v2/bulk                                 | /scim/v2/Bulk
            /scim/v2/users/.SEARCH                        | /scim/v2/Users/.search
            /scim/v2/Users/.Search/x                      | /scim/v2/Users/.search/x
            /scim/v2/Users/.searchx                       | /scim/v2/Users/.searchx
            /Scim/V2/Userz                                | /scim/v2/Userz
            /SCIM/V2                                      | /SCIM/V2
            /scim/v2x/users                               | /scim/v2x/users
            /scim/v3/users                                | /scim/v3/users
            /scim/Users                                   | /scim/Users
            /api/v1/me                                    | /api/v1/me
            /                                             | /
            /scim/v2/                                     | /scim/v2/
            /scim/v2/Users                                | /scim/v2/Users
            """)
    void rewritesTheBaseAndTheResourceNameOnly(String path, String canonical) {
        assertEquals(canonical, EndpointNames.canonical(path));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            /scim/v2/Users
            /scim/v2/Users/2819c223-7f76-453a-919d-413861904646
            /scim/v2/Users/.search
            /scim/v2/Groups/x/.SEARCH
            /scim/v2/Userz
            /scim/v2/
            /api/v1/me
            """)
    void leavesACanonicalPathAsItIs(String path) {
        assertSame(path, EndpointNames.canonical(path));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /scim/v2/Users | true
            /SCIM/v2/Users | true
            /Scim          | true
            /sCiM/anything | true
            /scimx         | false
            /api/v1/users  | false
            /              | false
            """)
    void recognisesTheScimPrefixInAnyCase(String path, boolean scim) {
        assertEquals(scim, EndpointNames.isScim(path));
    }
}
