package io.scimserver.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.Json;
import io.scimserver.scim.schema.SchemaRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PATCH on users: every RFC 7644 §3.5.2 example that applies to a User, and every user request shape of
 * ENTRA.md (with and without {@code ?aadOptscim062020}). Each case: stored resource, request, expected resource;
 * {@code changed} is expected exactly when the two differ.
 */
class PatchUserCorpusTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();

    static final String BJENSEN = """
            {"userName":"bjensen@example.com","externalId":"bjensen","active":true,"displayName":"Babs Jensen",
             "name":{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Barbara"},
             "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tours"}}
            """;

    record Case(String name, String before, String body, String after) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // ---- RFC 7644 §3.5.2.1 add
                new Case("RFC add: path-less emails and nickName", BJENSEN, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add",
                          "value":{"emails":[{"value":"babs@jensen.org","type":"home"}],"nickName":"Babs"}}]}
                        """, """
                        {"userName":"bjensen@example.com","externalId":"bjensen","active":true,"displayName":"Babs Jensen",
                         "name":{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Barbara"},
                         "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                                   {"value":"babs@jensen.org","type":"home"}],
                         "nickName":"Babs",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tours"}}
                        """),
                new Case("RFC add: a value already present is a no-op", BJENSEN, """
                        {"Operations":[{"op":"add","path":"emails",
                          "value":[{"value":"bjensen@example.com","type":"work","primary":true}]}]}
                        """, BJENSEN),
                new Case("add on a single-valued attribute replaces it", BJENSEN, """
                        {"Operations":[{"op":"add","path":"displayName","value":"Barbara"}]}
                        """, BJENSEN.replace("\"displayName\":\"Babs Jensen\"", "\"displayName\":\"Barbara\"")),
                new Case("add to a complex attribute merges sub-attributes", BJENSEN, """
                        {"Operations":[{"op":"add","path":"name","value":{"middleName":"Jane"}}]}
                        """, BJENSEN.replace("\"givenName\":\"Barbara\"", "\"givenName\":\"Barbara\",\"middleName\":\"Jane\"")),
                new Case("add with primary true clears primary on the others", BJENSEN, """
                        {"Operations":[{"op":"add","path":"emails","value":[{"value":"b@home.org","type":"home","primary":true}]}]}
                        """, BJENSEN.replace("""
                        "emails":[{"value":"bjensen@example.com","type":"work","primary":true}]""", """
                        "emails":[{"value":"bjensen@example.com","type":"work","primary":false},
                                  {"value":"b@home.org","type":"home","primary":true}]""")),
                // ---- RFC 7644 §3.5.2.2 remove
                new Case("RFC remove: emails[type eq work and value ew example.com]", BJENSEN, """
                        {"Operations":[{"op":"remove","path":"emails[type eq \\"work\\" and value ew \\"example.com\\"]"}]}
                        """, BJENSEN.replace("""
                        "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],""", "")),
                new Case("remove a filter without a match is a no-op", BJENSEN, """
                        {"Operations":[{"op":"remove","path":"emails[type eq \\"home\\"]"}]}
                        """, BJENSEN),
                new Case("remove a multi-valued attribute removes all values", BJENSEN, """
                        {"Operations":[{"op":"remove","path":"emails"}]}
                        """, BJENSEN.replace("""
                        "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],""", "")),
                new Case("remove a sub-attribute", BJENSEN, """
                        {"Operations":[{"op":"remove","path":"name.givenName"}]}
                        """, BJENSEN.replace(",\"givenName\":\"Barbara\"", "")),
                new Case("remove an extension attribute by URN", BJENSEN, """
                        {"Operations":[{"op":"remove",
                          "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}]}
                        """, BJENSEN.replace(",\"department\":\"Tours\"", "")),
                new Case("remove what is absent is a no-op", BJENSEN, """
                        {"Operations":[{"op":"remove","path":"nickName"}]}
                        """, BJENSEN),
                // ---- RFC 7644 §3.5.2.3 replace
                new Case("RFC replace: path-less emails and nickName", BJENSEN, """
                        {"Operations":[{"op":"replace","value":{
                          "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                                    {"value":"babs@jensen.org","type":"home"}],"nickName":"Babs"}}]}
                        """, """
                        {"userName":"bjensen@example.com","externalId":"bjensen","active":true,"displayName":"Babs Jensen",
                         "name":{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Barbara"},
                         "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                                   {"value":"babs@jensen.org","type":"home"}],
                         "nickName":"Babs",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tours"}}
                        """),
                new Case("RFC replace: addresses[type eq work]", BJENSEN.replace("\"active\":true", """
                        "active":true,"addresses":[{"type":"work","streetAddress":"100 Old St","locality":"Oldtown"},
                                                   {"type":"home","locality":"Hometown"}]"""), """
                        {"Operations":[{"op":"replace","path":"addresses[type eq \\"work\\"]","value":{
                          "type":"work","streetAddress":"911 Universal City Plaza","locality":"Hollywood","region":"CA",
                          "postalCode":"91608","country":"US",
                          "formatted":"911 Universal City Plaza\\nHollywood, CA 91608 US","primary":true}}]}
                        """, BJENSEN.replace("\"active\":true", """
                        "active":true,"addresses":[{"type":"work","streetAddress":"911 Universal City Plaza",
                          "locality":"Hollywood","region":"CA","postalCode":"91608","country":"US",
                          "formatted":"911 Universal City Plaza\\nHollywood, CA 91608 US","primary":true},
                          {"type":"home","locality":"Hometown"}]""")),
                new Case("RFC replace: addresses[type eq work].streetAddress", BJENSEN.replace("\"active\":true", """
                        "active":true,"addresses":[{"type":"work","streetAddress":"100 Old St","locality":"Oldtown"}]"""), """
                        {"Operations":[{"op":"replace","path":"addresses[type eq \\"work\\"].streetAddress",
                          "value":"1010 Broadway Ave"}]}
                        """, BJENSEN.replace("\"active\":true", """
                        "active":true,"addresses":[{"type":"work","streetAddress":"1010 Broadway Ave","locality":"Oldtown"}]""")),
                new Case("replace on a missing attribute adds it", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"title","value":"Tour Guide"}]}
                        """, BJENSEN.replace("\"active\":true", "\"active\":true,\"title\":\"Tour Guide\"")),
                new Case("replace a multi-valued attribute replaces all values", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"emails","value":[{"value":"new@example.com","type":"work"}]}]}
                        """, BJENSEN.replace("""
                        {"value":"bjensen@example.com","type":"work","primary":true}""", """
                        {"value":"new@example.com","type":"work"}""")),
                new Case("replace emails.value with a single email replaces it", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"emails.value","value":"n@x.com"}]}
                        """, BJENSEN.replace("\"value\":\"bjensen@example.com\"", "\"value\":\"n@x.com\"")),
                new Case("replace with the same value reports no change", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"name.familyName","value":"Jensen"}]}
                        """, BJENSEN),
                new Case("replace userName is applied; the caller decides on renames", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"userName","value":"babs@example.com"}]}
                        """, BJENSEN.replace("\"userName\":\"bjensen@example.com\"", "\"userName\":\"babs@example.com\"")),
                // ---- ENTRA.md §3 update user, without the flag
                new Case("Entra: Replace name.familyName (capitalised op)", BJENSEN, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"Replace","path":"name.familyName","value":"Smith"}]}
                        """, BJENSEN.replace("\"familyName\":\"Jensen\"", "\"familyName\":\"Smith\"")),
                new Case("Entra: Replace emails[type eq work].value", BJENSEN, """
                        {"Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"a@b.com"}]}
                        """, BJENSEN.replace("\"value\":\"bjensen@example.com\"", "\"value\":\"a@b.com\"")),
                new Case("Entra: Add nickName", BJENSEN, """
                        {"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}
                        """, BJENSEN.replace("\"active\":true", "\"active\":true,\"nickName\":\"Babs\"")),
                new Case("Entra: Add emails[type eq work].value creates the email", """
                        {"userName":"u@x.com"}""", """
                        {"Operations":[{"op":"Add","path":"emails[type eq \\"work\\"].value","value":"u@x.com"}]}
                        """, """
                        {"userName":"u@x.com","emails":[{"type":"work","value":"u@x.com"}]}"""),
                new Case("Entra: Replace phoneNumbers[type eq mobile].value creates the number", BJENSEN, """
                        {"Operations":[{"op":"Replace","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555"}]}
                        """, BJENSEN.replace("\"active\":true", """
                        "active":true,"phoneNumbers":[{"type":"mobile","value":"+1 555"}]""")),
                new Case("Entra: Replace addresses[type eq work].locality creates the address", BJENSEN, """
                        {"Operations":[{"op":"Replace","path":"addresses[type eq \\"work\\"].locality","value":"Oslo"},
                                       {"op":"Replace","path":"addresses[type eq \\"work\\"].country","value":"NO"}]}
                        """, BJENSEN.replace("\"active\":true", """
                        "active":true,"addresses":[{"type":"work","locality":"Oslo","country":"NO"}]""")),
                new Case("Entra: Add enterprise employeeNumber by URN path", """
                        {"userName":"u@x.com"}""", """
                        {"Operations":[{"op":"Add",
                          "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"7"}]}
                        """, """
                        {"userName":"u@x.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7"}}"""),
                new Case("Entra: manager as a bare id", BJENSEN, """
                        {"Operations":[{"op":"Add",
                          "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m-1"}]}
                        """, BJENSEN.replace("\"department\":\"Tours\"", "\"department\":\"Tours\",\"manager\":{\"value\":\"m-1\"}")),
                new Case("Entra: manager as {value}", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"manager","value":{"value":"m-2"}}]}
                        """, BJENSEN.replace("\"department\":\"Tours\"", "\"department\":\"Tours\",\"manager\":{\"value\":\"m-2\"}")),
                new Case("Entra: manager as [{$ref,value}]", BJENSEN, """
                        {"Operations":[{"op":"Replace",
                          "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                          "value":[{"$ref":"../Users/m-3","value":"m-3"}]}]}
                        """, BJENSEN.replace("\"department\":\"Tours\"", "\"department\":\"Tours\",\"manager\":{\"value\":\"m-3\"}")),
                new Case("Entra: manager removed by Replace with empty string", BJENSEN.replace("\"department\":\"Tours\"",
                        "\"department\":\"Tours\",\"manager\":{\"value\":\"m-1\"}"), """
                        {"Operations":[{"op":"Replace",
                          "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":""}]}
                        """, BJENSEN),
                new Case("Entra: removing the last extension attribute drops the extension", """
                        {"userName":"u@x.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"m"}}}""", """
                        {"Operations":[{"op":"Replace","path":"manager","value":""}]}
                        """, """
                        {"userName":"u@x.com"}"""),
                // ---- ENTRA.md §3 with ?aadOptscim062020: path-less, keys are paths
                new Case("Entra flag: path-less replace with dotted and URN keys", BJENSEN, """
                        {"Operations":[{"op":"replace","value":{"displayName":"B","name.givenName":"K","name.familyName":"U",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}}]}
                        """, """
                        {"userName":"bjensen@example.com","externalId":"bjensen","active":true,"displayName":"B",
                         "name":{"formatted":"Barbara Jensen","familyName":"U","givenName":"K"},
                         "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7","department":"Tours"}}
                        """),
                new Case("Entra flag: path-less add with the extension URN as key", """
                        {"userName":"u@x.com"}""", """
                        {"Operations":[{"op":"add","value":{
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}}}]}
                        """, """
                        {"userName":"u@x.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}}"""),
                new Case("path-less replace with a value-filtered key", BJENSEN.replace("\"primary\":true}", """
                        "primary":true},{"value":"b@home.org","type":"home"}"""), """
                        {"Operations":[{"op":"replace","value":{"emails[type eq \\"work\\"].value":"n@x.com"}}]}
                        """, BJENSEN.replace("\"value\":\"bjensen@example.com\"", "\"value\":\"n@x.com\"")
                        .replace("\"primary\":true}", """
                        "primary":true},{"value":"b@home.org","type":"home"}""")),
                new Case("path-less replace with a value-filtered key creates the missing email", """
                        {"userName":"u@x.com"}""", """
                        {"Operations":[{"op":"replace","value":{"emails[type eq \\"work\\"].value":"n@x.com"}}]}
                        """, """
                        {"userName":"u@x.com","emails":[{"type":"work","value":"n@x.com"}]}"""),
                // ---- ENTRA.md §4 disable / enable
                new Case("Entra: disable with False as a string", BJENSEN, """
                        {"Operations":[{"op":"Replace","path":"active","value":"False"}]}
                        """, BJENSEN.replace("\"active\":true", "\"active\":false")),
                new Case("Entra flag: disable with boolean", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"active","value":false}]}
                        """, BJENSEN.replace("\"active\":true", "\"active\":false")),
                new Case("Entra tutorial: Replace with boolean", BJENSEN, """
                        {"Operations":[{"op":"Replace","path":"active","value":false}]}
                        """, BJENSEN.replace("\"active\":true", "\"active\":false")),
                new Case("Entra: re-enable with True as a string", BJENSEN.replace("\"active\":true", "\"active\":false"), """
                        {"Operations":[{"op":"Replace","path":"active","value":"True"}]}
                        """, BJENSEN),
                new Case("Entra flag: path-less active", BJENSEN, """
                        {"Operations":[{"op":"replace","value":{"active":false}}]}
                        """, BJENSEN.replace("\"active\":true", "\"active\":false")),
                // ---- ENTRA.md §12 validator
                new Case("validator: empty Operations succeeds unchanged", BJENSEN, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}
                        """, BJENSEN),
                new Case("validator: primary as a string", BJENSEN, """
                        {"Operations":[{"op":"add","path":"emails",
                          "value":[{"value":"b@home.org","type":"home","primary":"True"}]}]}
                        """, BJENSEN.replace("""
                        "emails":[{"value":"bjensen@example.com","type":"work","primary":true}]""", """
                        "emails":[{"value":"bjensen@example.com","type":"work","primary":false},
                                  {"value":"b@home.org","type":"home","primary":true}]""")),
                new Case("validator: attribute names in any case", BJENSEN, """
                        {"Operations":[{"op":"replace","path":"username","value":"x@example.com"},
                                       {"op":"replace","path":"NAME.FAMILYNAME","value":"Doe"},
                                       {"op":"replace","value":{"DisplayName":"D"}}]}
                        """, BJENSEN.replace("\"userName\":\"bjensen@example.com\"", "\"userName\":\"x@example.com\"")
                        .replace("\"familyName\":\"Jensen\"", "\"familyName\":\"Doe\"")
                        .replace("\"displayName\":\"Babs Jensen\"", "\"displayName\":\"D\"")),
                new Case("validator: emails[type eq work].primary as a string", BJENSEN, """
                        {"Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].primary","value":"False"}]}
                        """, BJENSEN.replace("\"primary\":true", "\"primary\":false")));
    }

    /** A value filter of 50,000 operands is evaluated in memory without recursing per operand. */
    @org.junit.jupiter.api.Test
    void evaluatesLongValueFilterChains() {
        String terms = java.util.stream.IntStream.range(0, 50_000).mapToObj(i -> "value eq \\\"" + i + "@x\\\"")
                .collect(java.util.stream.Collectors.joining(" or "));
        String body = "{\"Operations\":[{\"op\":\"remove\",\"path\":\"emails[" + terms
                + " or type eq \\\"work\\\"]\"}]}";
        PatchResult result = new PatchInterpreter(REGISTRY.user(), 100).apply(Json.object(BJENSEN), Json.parse(body));
        assertNull(result.resource().get("emails"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesPatch(Case c) {
        ObjectNode before = Json.object(c.before());
        ObjectNode snapshot = before.deepCopy();
        PatchResult result = new PatchInterpreter(REGISTRY.user(), 100).apply(before, Json.parse(c.body()));
        assertEquals(Json.parse(c.after()), result.resource());
        assertEquals(!Json.parse(c.before()).equals(Json.parse(c.after())), result.changed(), "changed flag");
        assertEquals(snapshot, before, "the input resource is never modified");
        assertEquals(MembershipChange.NONE, result.membership());
        assertNull(result.password());
    }
}
