package io.scimserver.scim;

import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimserver.testing.MemberTokens;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The leniency rules of issue 17 through HTTP, one table each: endpoint names in any case, unquoted filter values,
 * value-path projections, attribute names in any case. Each rule also has its refusals: what stays ambiguous is a
 * positioned 400, and no case of a path escapes the ADMIN check.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class LeniencyTest {

    static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String ENTERPRISE_KEY = "'" + Scim.ENTERPRISE + "'";

    /** One user with a work and a home email and a manager, in one group, per test class. */
    record Fixture(String userId, String userName, String familyName, String managerId, String groupId,
            String groupName) {
    }

    private static final Map<Class<?>, Fixture> FIXTURES = new ConcurrentHashMap<>();

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    Fixture fixture() {
        return FIXTURES.computeIfAbsent(getClass(), c -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String userName = "lenient-" + tag + "@example.com";
            String familyName = "Fam" + tag;
            String managerId = UUID.randomUUID().toString();
            String userId = scim().request().body("""
                    {"schemas":["%s","%s"],"userName":"%s","active":true,
                     "name":{"givenName":"Len","familyName":"%s"},
                     "emails":[{"type":"work","value":"%s","primary":true},{"type":"home","value":"home-%s"}],
                     "%s":{"employeeNumber":"7","manager":{"value":"%s"}}}""".formatted(Scim.USER, Scim.ENTERPRISE,
                    userName, familyName, userName, userName, Scim.ENTERPRISE, managerId))
                    .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
            String groupName = "Lenient " + tag;
            String groupId = scim().createGroup(groupName);
            scim().patch("/scim/v2/Groups/" + groupId, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + userId + "\"}]}]").then().statusCode(204);
            return new Fixture(userId, userName, familyName, managerId, groupId, groupName);
        });
    }

    private String fill(String text) {
        Fixture f = fixture();
        return text.replace("{id}", f.userId()).replace("{userName}", f.userName())
                .replace("{familyName}", f.familyName()).replace("{managerId}", f.managerId())
                .replace("{gid}", f.groupId()).replace("{group}", f.groupName()).replace("{ENT}", Scim.ENTERPRISE);
    }

    // ---- rule 5: endpoint names in any case ----

    /** method | path as a client sends it | a JSON path of the answer | its expected value. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            GET  | /scim/v2/users?filter=userName eq "{userName}"       | totalResults                 | 1
            GET  | /scim/v2/USERS/{id}                                  | id                           | {id}
            GET  | /SCIM/V2/Users/{id}                                  | userName                     | {userName}
            GET  | /Scim/v2/uSeRs/{id}?attributes=userName              | userName                     | {userName}
            GET  | /scim/v2/groups/{gid}                                | displayName                  | {group}
            GET  | /scim/v2/GROUPS?filter=displayName eq "{group}"      | totalResults                 | 1
            GET  | /scim/v2/serviceproviderconfig                       | schemas[0]                   | urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig
            GET  | /SCIM/v2/SERVICEPROVIDERCONFIG                       | schemas[0]                   | urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig
            GET  | /scim/v2/resourcetypes                               | totalResults                 | 2
            GET  | /scim/v2/RESOURCETYPES/user                          | name                         | User
            GET  | /scim/v2/schemas                                     | totalResults                 | 3
            GET  | /scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:user | id                    | urn:ietf:params:scim:schemas:core:2.0:User
            POST | /scim/v2/users/.SEARCH                               | totalResults                 | 1
            POST | /scim/v2/Users/.search                               | Resources[0].id              | {id}
            """)
    void endpointNamesInAnyCase(String method, String path, String jsonPath, String expected) {
        var request = scim().request();
        if (method.equals("POST")) {
            request = request.body(fill("""
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"{userName}\\""}"""));
        }
        String[] parts = fill(path).split("\\?", 2);
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request = request.queryParam(kv[0], kv[1]);
            }
        }
        request.request(method, parts[0]).then().log().ifValidationFails().statusCode(200)
                .contentType(startsWith(Scim.SCIM_JSON))
                .body(jsonPath, equalTo(jsonPath.equals("totalResults") ? (Object) Integer.parseInt(expected)
                        : fill(expected)));
    }

    @Test
    void writesAndLocationsThroughALowerCasePathUseTheCanonicalNames() {
        Fixture f = fixture();
        scim().patch("/scim/v2/users/" + f.userId(), "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lenient\"}]")
                .then().statusCode(200).body("title", equalTo("Lenient"))
                .body("meta.location", endsWith("/scim/v2/Users/" + f.userId()));
        String location = scim().request().body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"lower-"
                + UUID.randomUUID() + "@example.com\"}").post("/SCIM/V2/USERS").then().statusCode(201)
                .extract().header("Location");
        assertTrue(location.contains("/scim/v2/Users/"), location);
        // a refused write through a lower-case path is audited under the canonical endpoint
        scim().patch("/scim/v2/users/" + f.userId(), "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]")
                .then().statusCode(400);
        given().auth().oauth2(TestClient.orgOf(getClass()).adminToken()).queryParam("resourceId", f.userId())
                .queryParam("outcome", "failure").get("/api/v1/audit").then().statusCode(200)
                .body("items[0].resourceType", equalTo("User")).body("items[0].operation", equalTo("patch"))
                .body("items[0].summary.request", equalTo("PATCH /scim/v2/Users/{id}"));
        scim().request().delete("/scim/v2/users/" + location.substring(location.lastIndexOf('/') + 1))
                .then().statusCode(204);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            /scim/v2/Userz
            /scim/v3/users
            /scim/v2/users/{id}/extra
            """)
    void namesThatAreNoEndpointStay404(String path) {
        scim().request().get(fill(path)).then().statusCode(404).contentType(startsWith(Scim.SCIM_JSON))
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"));
    }

    /**
     * The ADMIN check sees the canonical path: no spelling of a SCIM path lets a member through. A path no endpoint
     * serves may answer 404 instead (nothing is matched, so nothing runs).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /SCIM/v2/Users                 | 403
            GET    | /scim/V2/users                 | 403
            GET    | /Scim/V2/GROUPS                | 403
            GET    | /scim/v2/users/{id}            | 403
            GET    | /SCIM/V2/USERS/{id}            | 403
            PATCH  | /scim/v2/USERS/{id}            | 403
            DELETE | /sCiM/v2/Users/{id}            | 403
            GET    | /scim/v2/serviceproviderconfig | 403
            GET    | /SCIM/V2/SCHEMAS               | 403
            POST   | /scim/v2/users/.search         | 403
            GET    | /scim/v2/Me/x                  | 403 or 404
            GET    | /scim/v2/MeX                   | 403 or 404
            GET    | /scim/v2/Me/../Users           | 403 or 404
            GET    | /SCIM/unknown                  | 403 or 404
            """)
    void noCaseOfAScimPathEscapesTheAdminCheck(String method, String path, String expected) {
        MemberTokens.Member member = member();
        String before = version(fixture().userId());
        Response r = given().auth().oauth2(member.token()).contentType(Scim.SCIM_JSON)
                .body("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\","
                        + "\"value\":\"pwned\"}]}")
                .request(method, fill(path));
        assertTrue(expected.contains(Integer.toString(r.statusCode())),
                method + " " + path + " answered " + r.statusCode() + " " + r.asString());
        if (r.statusCode() == 403) {
            assertTrue(r.asString().contains("ADMIN"), r.asString());
        }
        assertEquals(before, version(fixture().userId()), "a refused request changed the user");
    }

    private static final Map<Class<?>, MemberTokens.Member> MEMBERS = new ConcurrentHashMap<>();

    private MemberTokens.Member member() {
        return MEMBERS.computeIfAbsent(getClass(), c -> MemberTokens.newMember(TestClient.orgOf(c)));
    }

    private String version(String userId) {
        return scim().request().get("/scim/v2/Users/" + userId).then().statusCode(200).extract().header("ETag");
    }

    // ---- rule 7: unquoted comparison values ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            userName sw lenient-
            userName eq {userName}
            name.familyName eq {familyName}
            meta.created gt 2015-10-10T14:38:21.8617979-07:00 and userName eq {userName}
            userName eq {userName} and active eq True
            emails[type eq work and value eq {userName}]
            (userName eq {userName})
            """)
    void unquotedValuesAreStrings(String filter) {
        Response r = scim().request().queryParam("filter", fill(filter)).get("/scim/v2/Users");
        r.then().log().ifValidationFails().statusCode(200);
        assertTrue(r.jsonPath().getList("Resources.id").contains(fixture().userId()), r.asString());
        if (!filter.startsWith("userName sw")) {
            assertEquals(1, r.jsonPath().getInt("totalResults"), r.asString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            userName eq John Smith      | position 17
            userName eq O"Malley        | position 13
            userName eq and             | position 12
            userName eq a(b)            | position 13
            """)
    void ambiguousUnquotedValuesArePositionedInvalidFilters(String filter, String position) {
        scim().request().queryParam("filter", filter).get("/scim/v2/Users").then().statusCode(400)
                .contentType(startsWith(Scim.SCIM_JSON))
                .body("scimType", equalTo("invalidFilter")).body("detail", containsString(position));
    }

    /** A rewritten endpoint name leaves the rest of the path as sent: its percent-escapes are decoded once. */
    @ParameterizedTest
    @ValueSource(strings = {"%25zz", "%2500", "%2541", "a%2Fb"})
    void percentEscapesAfterARewrittenNameAreDecodedOnce(String rawId) {
        Response canonical = scim().request().urlEncodingEnabled(false).get("/scim/v2/Users/" + rawId);
        Response lower = scim().request().urlEncodingEnabled(false).get("/scim/v2/users/" + rawId);
        assertEquals(canonical.statusCode(), lower.statusCode(), lower.asString());
        assertEquals(canonical.jsonPath().getString("detail"), lower.jsonPath().getString("detail"));
        given().urlEncodingEnabled(false).get("/scim/v2/users/" + rawId).then().statusCode(401)
                .contentType(startsWith(Scim.SCIM_JSON));
    }

    // ---- rule 6: value-path projections ----

    @Test
    void attributesWithAValueFilterReturnTheMatchingValues() {
        Fixture f = fixture();
        scim().request().queryParam("attributes", "emails[type eq \"work\"].value")
                .get("/scim/v2/Users/" + f.userId()).then().statusCode(200)
                .body("id", equalTo(f.userId()))
                .body("emails", hasSize(1)).body("emails[0].value", equalTo(f.userName()))
                .body("emails[0].type", nullValue()).body("userName", nullValue());
        scim().request().queryParam("filter", "userName eq \"" + f.userName() + "\"")
                .queryParam("attributes", "emails[type eq \"home\"],userName").get("/scim/v2/Users").then()
                .statusCode(200).body("Resources[0].emails", hasSize(1))
                .body("Resources[0].emails[0].type", equalTo("home"))
                .body("Resources[0].userName", equalTo(f.userName()));
        scim().request().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"%s\\"",
                 "attributes":["emails[type eq \\"work\\" or type eq \\"home\\"].type"]}""".formatted(f.userName()))
                .post("/scim/v2/Users/.search").then().statusCode(200)
                .body("Resources[0].emails.type", org.hamcrest.Matchers.contains("work", "home"))
                .body("Resources[0].emails[0].value", nullValue());
        scim().request().queryParam("attributes", "emails[type eq \"fax\"]")
                .get("/scim/v2/Users/" + f.userId()).then().statusCode(200).body("emails", nullValue())
                .body("id", equalTo(f.userId()));
    }

    @Test
    void excludedAttributesWithAValueFilterIsAnInvalidPath() {
        scim().request().queryParam("excludedAttributes", "emails[type eq \"work\"]")
                .get("/scim/v2/Users/" + fixture().userId()).then().statusCode(400)
                .body("scimType", equalTo("invalidPath"))
                .body("detail", containsString("a value filter is accepted in attributes only"));
    }

    // ---- rule 8: attribute names in any case, canonical in responses ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            USERNAME EQ "{userName}"
            urn:ietf:params:scim:schemas:core:2.0:user:NAME.FAMILYNAME eq "{familyName}"
            URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:MANAGER.VALUE eq "{managerId}"
            Emails[TYPE eq "WORK" and Value eq "{userName}"]
            EMAILS.VALUE eq "home-{userName}"
            GROUPS.VALUE eq "{gid}"
            Meta.LastModified gt "2015-10-10T00:00:00Z" and ID eq "{id}"
            """)
    void attributeNamesInFiltersInAnyCase(String filter) {
        scim().request().queryParam("filter", fill(filter)).get("/scim/v2/Users").then().log().ifValidationFails()
                .statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(fixture().userId()));
    }

    @Test
    void groupMemberPathsInAnyCase() {
        Fixture f = fixture();
        String groupId = scim().createGroup("Case " + UUID.randomUUID().toString().substring(0, 8));
        scim().patch("/scim/v2/Groups/" + groupId, "[{\"op\":\"Add\",\"path\":\"MEMBERS\",\"value\":[{\"VALUE\":\""
                + f.userId() + "\"}]}]").then().log().ifValidationFails().statusCode(204);
        scim().request().queryParam("filter", "MEMBERS.VALUE eq \"" + f.userId() + "\" and ID eq \"" + groupId + "\"")
                .get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(1))
                .body("Resources[0].members[0].value", equalTo(f.userId()));
        scim().patch("/scim/v2/Groups/" + groupId, "[{\"op\":\"remove\",\"path\":\"Members[Value eq \\\""
                + f.userId() + "\\\"]\"}]").then().log().ifValidationFails().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + groupId).then().statusCode(200)
                .body("members", org.hamcrest.Matchers.anyOf(nullValue(), hasSize(0)));
    }

    @Test
    void attributeNamesInProjectionsAndSortingInAnyCase() {
        Fixture f = fixture();
        scim().request().queryParam("attributes", fill("{ENT}:EMPLOYEENUMBER,NAME.GIVENNAME").toUpperCase())
                .get("/scim/v2/Users/" + f.userId()).then().statusCode(200)
                .body(ENTERPRISE_KEY + ".employeeNumber", equalTo("7"))
                .body("name.givenName", equalTo("Len")).body("name.familyName", nullValue())
                .body("emails", nullValue());
        scim().request().queryParam("excludedAttributes", "EMAILS,Name.FamilyName," + Scim.ENTERPRISE.toUpperCase()
                + ":Manager").get("/scim/v2/Users/" + f.userId()).then().statusCode(200)
                .body("emails", nullValue()).body("name.familyName", nullValue())
                .body("name.givenName", equalTo("Len")).body(ENTERPRISE_KEY + ".manager", nullValue())
                .body(ENTERPRISE_KEY + ".employeeNumber", equalTo("7"));
        scim().request().queryParam("filter", "userName sw \"lenient-\"").queryParam("sortBy", "NAME.FAMILYNAME")
                .get("/scim/v2/Users").then().statusCode(200).body("Resources.id", org.hamcrest.Matchers.hasItem(
                        f.userId()));
    }

    @Test
    void attributeNamesInPatchAndBodiesInAnyCaseAreStoredUnderTheirCanonicalNames() {
        String userName = "case-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response created = scim().request().body(("""
                {"SCHEMAS":["%s"],"USERNAME":"%s","Name":{"GIVENNAME":"Ada","familyname":"Lovelace"},
                 "EMAILS":[{"VALUE":"%s","TYPE":"work"}],"%s":{"EMPLOYEENUMBER":"9"}}""")
                .formatted(Scim.USER, userName, userName, Scim.ENTERPRISE.toUpperCase())).post("/scim/v2/Users");
        created.then().log().ifValidationFails().statusCode(201)
                .body("userName", equalTo(userName)).body("name.givenName", equalTo("Ada"))
                .body("name.familyName", equalTo("Lovelace")).body("emails[0].value", equalTo(userName))
                .body("emails[0].type", equalTo("work")).body(ENTERPRISE_KEY + ".employeeNumber", equalTo("9"));
        String id = created.path("id");
        scim().patch("/scim/v2/Users/" + id, ("""
                [{"op":"replace","path":"NICKNAME","value":"Countess"},
                 {"op":"replace","path":"NAME.GIVENNAME","value":"Augusta"},
                 {"op":"replace","path":"%s:DEPARTMENT","value":"Analytics"},
                 {"op":"replace","path":"EMAILS[TYPE eq \\"work\\"].VALUE","value":"new-%s"},
                 {"op":"replace","value":{"DISPLAYNAME":"Ada L.","name.FAMILYNAME":"King"}}]""")
                .formatted(Scim.ENTERPRISE.toUpperCase(), userName)).then().log().ifValidationFails().statusCode(200);
        Response read = scim().request().get("/scim/v2/Users/" + id);
        read.then().statusCode(200)
                .body("nickName", equalTo("Countess")).body("name.givenName", equalTo("Augusta"))
                .body("name.familyName", equalTo("King")).body("displayName", equalTo("Ada L."))
                .body(ENTERPRISE_KEY + ".department", equalTo("Analytics"))
                .body(ENTERPRISE_KEY + ".employeeNumber", equalTo("9"))
                .body("emails", hasSize(1)).body("emails[0].value", equalTo("new-" + userName));
        String body = read.asString();
        for (String odd : new String[] { "NICKNAME", "GIVENNAME", "FAMILYNAME", "DISPLAYNAME", "DEPARTMENT",
                "EMPLOYEENUMBER", "\"VALUE\"", "\"TYPE\"", "\"SCHEMAS\"", "\"Name\"", "familyname", "URN:IETF" }) {
            assertFalse(body.contains(odd), "the stored resource keeps the case " + odd + ": " + body);
        }
    }
}
