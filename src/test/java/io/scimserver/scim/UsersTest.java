package io.scimserver.scim;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /scim/v2/Users as Entra and RFC 7644 clients use it, against the real database. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class UsersTest {

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void createAnswers201WithLocationMetaAndTheValuesAsSent() {
        String userName = unique("create");
        String location = scim().request().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"ext-1","userName":"%s","active":true,"displayName":"Barbara Jensen",
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "name":{"formatted":"Ms. Barbara J Jensen","familyName":"Jensen","givenName":"Barbara"},
                 "addresses":[{"type":"work","locality":"Hollywood","postalCode":"91608","country":"USA"}],
                 "phoneNumbers":[{"type":"mobile","value":"+1 555 0100"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984",
                    "department":"Tour Operations","manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}},
                 "meta":{"resourceType":"User"}}""".formatted(userName, userName))
                .post("/scim/v2/Users")
                .then().statusCode(201)
                .contentType(startsWith("application/scim+json"))
                .header("ETag", startsWith("W/\""))
                .body("id", notNullValue())
                .body("userName", equalTo(userName))
                .body("externalId", equalTo("ext-1"))
                .body("name.formatted", equalTo("Ms. Barbara J Jensen"))
                .body("emails[0].primary", equalTo(true))
                .body("addresses[0].locality", equalTo("Hollywood"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.employeeNumber", equalTo("701984"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager.value",
                        equalTo("26118915-6090-4610-87e4-49d8ca9f808d"))
                .body("schemas", hasItem("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
                .body("meta.resourceType", equalTo("User"))
                .body("meta.created", notNullValue())
                .body("meta.version", startsWith("W/"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        scim().request().get(location).then().statusCode(200)
                .body("meta.location", equalTo(location))
                .body("id", equalTo(id))
                .body("active", equalTo(true));
    }

    @Test
    void newUsersJoinPublic() {
        String id = scim().createUser(unique("public"));
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from memberships m join roles r on r.id = m.role_id
                where m.user_id = ?::uuid and r.name = 'PUBLIC' and r.source = 'SYSTEM'""", id));
    }

    @Test
    void createToleratesWhatEntraPutsInBodies() {
        String userName = unique("tolerant");
        scim().request().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
                 "UserName":"%s","active":"True","nickName":null,"roles":[],"someUnknownAttribute":"x",
                 "meta":{"resourceType":"User"},"id":"client-chosen-id"}""".formatted(userName))
                .post("/scim/v2/Users")
                .then().statusCode(201)
                .body("userName", equalTo(userName))
                .body("active", equalTo(true))
                .body("id", not(equalTo("client-chosen-id")))
                .body("someUnknownAttribute", nullValue());
    }

    @Test
    void duplicateUserNameInAnyCaseIs409Uniqueness() {
        String userName = unique("dup");
        scim().createUser(userName);
        scim().request().body("{\"userName\":\"" + userName.toUpperCase() + "\"}").post("/scim/v2/Users")
                .then().statusCode(409)
                .contentType(startsWith("application/scim+json"))
                .body("scimType", equalTo("uniqueness"))
                .body("status", equalTo("409"))
                .body("detail", containsString("already taken"));
    }

    @Test
    void missingUserNameIs400() {
        scim().request().body("{\"displayName\":\"x\"}").post("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("userName"));
    }

    @Test
    void malformedJsonIs400InvalidSyntaxWithoutClassNames() {
        scim().request().body("{\"userName\": ").post("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidSyntax"))
                .body(not(containsString("com.fasterxml")));
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        scim().request().get("/scim/v2/Users/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/scim+json")).body("status", equalTo("404"));
        scim().request().get("/scim/v2/Users/not-a-uuid").then().statusCode(404);
    }

    @Test
    void anotherOrganisationsUserIs404() {
        String id = scim().createUser(unique("mine"));
        Scim other = new Scim(TestClient.newOrg("other"));
        other.request().get("/scim/v2/Users/" + id).then().statusCode(404);
        other.patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]")
                .then().statusCode(404);
        other.request().delete("/scim/v2/Users/" + id).then().statusCode(404);
        scim().request().get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void probeWithUnknownUserNameAnswersAnEmptyList() {
        scim().request().queryParam("filter", "userName eq \"" + UUID.randomUUID() + "\"").get("/scim/v2/Users")
                .then().statusCode(200)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(0))
                .body("Resources", hasSize(0));
    }

    @Test
    void formEncodedFilterFindsTheUserCaseInsensitively() {
        String userName = unique("filter");
        String id = scim().createUser(userName);
        scim().request().urlEncodingEnabled(false)
                .get("/scim/v2/Users?filter=userName+eq+%22" + userName.toUpperCase().replace("@", "%40") + "%22")
                .then().statusCode(200)
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(id));
    }

    @Test
    void filtersOnSubAttributesValuePathsAndExtensions() {
        String userName = unique("vp");
        String id = scim().createUser(userName);
        scim().patch("/scim/v2/Users/" + id, """
                [{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                  "value":"Dept-%s"}]""".formatted(id)).then().statusCode(200);
        for (String filter : new String[] {
                "emails[type eq \"work\" and value co \"" + userName.substring(0, 10) + "\"]",
                "name.familyName eq \"User\" and userName eq \"" + userName + "\"",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"dept-" + id + "\"",
                "id eq \"" + id + "\"",
                "userName eq \"" + userName + "\" and meta.created gt \"2020-01-01T00:00:00Z\"",
                "USERNAME EQ \"" + userName + "\" AND not (active eq false)" }) {
            scim().request().queryParam("filter", filter).get("/scim/v2/Users")
                    .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        }
    }

    @Test
    void invalidFilterIs400WithThePosition() {
        scim().request().queryParam("filter", "userName eqq \"x\"").get("/scim/v2/Users")
                .then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"))
                .body("detail", containsString("position 9"));
        scim().request().queryParam("filter", "noSuchAttribute eq \"x\"").get("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        scim().request().queryParam("filter", "password eq \"x\"").get("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidFilter"));
    }

    @Test
    void pagingAndSortingAreStable() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            scim().createUser("page-" + tag + "-" + i + "@example.com");
        }
        String filter = "userName sw \"page-" + tag + "\"";
        scim().request().queryParam("filter", filter).queryParam("startIndex", 2).queryParam("count", 2)
                .queryParam("sortBy", "userName").queryParam("sortOrder", "descending")
                .get("/scim/v2/Users")
                .then().statusCode(200)
                .body("totalResults", equalTo(5))
                .body("startIndex", equalTo(2))
                .body("itemsPerPage", equalTo(2))
                .body("Resources.userName", equalTo(java.util.List.of("page-" + tag + "-3@example.com",
                        "page-" + tag + "-2@example.com")));
        scim().request().queryParam("filter", filter).queryParam("count", 0).get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(5)).body("Resources", hasSize(0));
    }

    @Test
    void attributesAndExcludedAttributesShapeTheResponse() {
        String userName = unique("shape");
        String id = scim().createUser(userName);
        scim().request().queryParam("attributes", "userName,name.givenName").get("/scim/v2/Users/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("userName", equalTo(userName))
                .body("name.givenName", equalTo("Test"))
                .body("name.familyName", nullValue())
                .body("emails", nullValue());
        scim().request().queryParam("excludedAttributes", "emails,name").get("/scim/v2/Users/" + id)
                .then().statusCode(200)
                .body("userName", equalTo(userName))
                .body("emails", nullValue())
                .body("name", nullValue())
                .body("externalId", notNullValue());
        scim().request().queryParam("filter", "id eq \"" + id + "\"").queryParam("attributes", "id")
                .get("/scim/v2/Users")
                .then().statusCode(200).body("Resources[0].id", equalTo(id)).body("Resources[0].emails", nullValue());
    }

    @Test
    void searchWithPost() {
        String userName = unique("search");
        String id = scim().createUser(userName);
        scim().request().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "attributes":["userName"],"filter":"userName eq \\"%s\\"","startIndex":1,"count":10}"""
                .formatted(userName))
                .post("/scim/v2/Users/.search")
                .then().statusCode(200)
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(id))
                .body("Resources[0].emails", nullValue());
    }

    @Test
    void entraPatchWithoutTheFlag() {
        String id = scim().createUser(unique("noflag"));
        scim().patch("/scim/v2/Users/" + id, """
                [{"op":"Replace","path":"name.familyName","value":"Jensen"},
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"new@example.com"},
                 {"op":"Add","path":"nickName","value":"Babs"},
                 {"op":"Add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555 0199"},
                 {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                  "value":"a1b2c3"}]""")
                .then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("name.familyName", equalTo("Jensen"))
                .body("emails[0].value", equalTo("new@example.com"))
                .body("nickName", equalTo("Babs"))
                .body("phoneNumbers[0].type", equalTo("mobile"))
                .body("phoneNumbers[0].value", equalTo("+1 555 0199"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager.value", equalTo("a1b2c3"));
    }

    @Test
    void entraPatchWithTheFlag() {
        String id = scim().createUser(unique("flag"));
        scim().request().queryParam("aadOptscim062020", "")
                .body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                          {"op":"replace","value":{"displayName":"B","name.givenName":"K","name.familyName":"U",
                           "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}}]}""")
                .patch("/scim/v2/Users/" + id)
                .then().statusCode(200)
                .body("displayName", equalTo("B"))
                .body("name.givenName", equalTo("K"))
                .body("name.familyName", equalTo("U"))
                .body("name.formatted", equalTo("Test User"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.employeeNumber", equalTo("7"));
    }

    @Test
    void disableAndEnableWithStringsAndBooleans() {
        String id = scim().createUser(unique("disable"));
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")
                .then().statusCode(200).body("active", equalTo(false));
        assertEquals(false, TestClient.sqlValue("select active from users where id = ?::uuid", id));
        scim().request().queryParam("filter", "id eq \"" + id + "\" and active eq false").get("/scim/v2/Users")
                .then().body("totalResults", equalTo(1));
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]")
                .then().statusCode(200).body("active", equalTo(true));
        assertEquals(true, TestClient.sqlValue("select active from users where id = ?::uuid", id));
    }

    @Test
    void emptyOperationsSucceedWithoutTouchingTheVersion() {
        String id = scim().createUser(unique("empty"));
        String etag = scim().request().get("/scim/v2/Users/" + id).then().extract().header("ETag");
        scim().patch("/scim/v2/Users/" + id, "[]").then().statusCode(200).header("ETag", equalTo(etag));
        scim().patch("/scim/v2/Users/" + id,
                "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"type\":\"work\",\"value\":\"" + "x" + "\"}]}]")
                .then().statusCode(200);
        String after = scim().request().get("/scim/v2/Users/" + id).then().extract().header("ETag");
        assertNotEquals(etag, after);
    }

    @Test
    void renameIsRefusedWithMutability() {
        String userName = unique("rename");
        String id = scim().createUser(userName);
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"other@x.com\"}]")
                .then().statusCode(400).body("scimType", equalTo("mutability"))
                .body("detail", containsString("allow-rename"));
        scim().request().get("/scim/v2/Users/" + id).then().body("userName", equalTo(userName));
    }

    @Test
    void patchErrorsApplyNothing() {
        String id = scim().createUser(unique("atomic"));
        scim().patch("/scim/v2/Users/" + id, """
                [{"op":"replace","path":"displayName","value":"Changed"},
                 {"op":"replace","path":"noSuchAttribute","value":"x"}]""")
                .then().statusCode(400).body("scimType", equalTo("invalidPath"));
        scim().request().get("/scim/v2/Users/" + id).then().body("displayName", nullValue());
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"remove\"}]")
                .then().statusCode(400).body("scimType", equalTo("noTarget"));
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]")
                .then().statusCode(400).body("scimType", equalTo("mutability"));
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    void putReplacesTheResource() {
        String userName = unique("put");
        String id = scim().createUser(userName);
        scim().request().body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + userName
                + "\",\"displayName\":\"Replaced\"}")
                .put("/scim/v2/Users/" + id)
                .then().statusCode(200)
                .body("displayName", equalTo("Replaced"))
                .body("emails", nullValue())
                .body("id", equalTo(id));
    }

    @Test
    void etagsGuardWritesAndSaveReads() {
        String id = scim().createUser(unique("etag"));
        String etag = scim().request().get("/scim/v2/Users/" + id).then().extract().header("ETag");
        scim().request().header("If-None-Match", etag).get("/scim/v2/Users/" + id).then().statusCode(304);
        scim().request().header("If-Match", "W/\"999\"")
                .body("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"x\"}]}")
                .patch("/scim/v2/Users/" + id)
                .then().statusCode(412).contentType(startsWith("application/scim+json"));
        scim().request().header("If-Match", etag)
                .body("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"x\"}]}")
                .patch("/scim/v2/Users/" + id)
                .then().statusCode(200).header("ETag", not(equalTo(etag)));
        scim().request().header("If-Match", etag).delete("/scim/v2/Users/" + id).then().statusCode(412);
    }

    @Test
    void passwordIsHashedAndNeverReturned() {
        String userName = unique("pw");
        String id = scim().request().body("{\"userName\":\"" + userName + "\",\"password\":\"S3cret!pass\"}")
                .post("/scim/v2/Users")
                .then().statusCode(201).body("password", nullValue()).extract().path("id");
        String hash = (String) TestClient.sqlValue("select password_hash from users where id = ?::uuid", id);
        assertTrue(hash != null && hash.startsWith("$2"), "a bcrypt hash is stored");
        assertEquals(0L, TestClient.sqlValue("select count(*) from users where id = ?::uuid and attributes::text like '%S3cret%'", id));
        scim().request().get("/scim/v2/Users/" + id).then().body("password", nullValue());
    }

    @Test
    void deleteAnswers204ThenTheUserIsGoneForScimButTheAccountIsKeptDeactivated() {
        String userName = unique("delete");
        String id = scim().createUser(userName);
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(204).body(emptyOrNullString());
        scim().request().get("/scim/v2/Users/" + id).then().statusCode(404)
                .contentType(startsWith("application/scim+json")).body("status", equalTo("404"));
        scim().request().queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users")
                .then().body("totalResults", equalTo(0));
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from users where id = ?::uuid and deprovisioned_at is not null and not active
                   and attributes -> 'active' = 'false'::jsonb and version = 2 and user_name = ?""", id, userName));
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from memberships m join roles r on r.id = m.role_id
                where m.user_id = ?::uuid and r.name = 'PUBLIC' and r.source = 'SYSTEM'""", id));
    }

    @Test
    void aDeprovisionedUserIs404ForEveryRequestNamingIt() {
        String userName = unique("gone");
        String id = scim().createUser(userName);
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim().request().body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + userName + "\"}")
                .put("/scim/v2/Users/" + id).then().statusCode(404).body("scimType", nullValue())
                .body("detail", containsString(id));
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]")
                .then().statusCode(404);
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(404);
        scim().request().header("If-None-Match", "W/\"2\"").get("/scim/v2/Users/" + id).then().statusCode(404);
        assertEquals(false, TestClient.sqlValue("select active from users where id = ?::uuid", id));
        assertEquals(2L, TestClient.sqlValue("select version from users where id = ?::uuid", id));
    }

    @Test
    void listsFiltersSearchesAndTotalsLeaveDeprovisionedUsersOut() {
        String tag = "dep-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(scim().createUser(tag + "-" + i + "@example.com"));
        }
        String gone = ids.get(1);
        scim().request().delete("/scim/v2/Users/" + gone).then().statusCode(204);
        String filter = "userName sw \"" + tag + "\"";
        scim().request().queryParam("filter", filter).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(3)).body("Resources.id", not(hasItem(gone)));
        // a full page: the total comes from the count query
        scim().request().queryParam("filter", filter).queryParam("count", 1).get("/scim/v2/Users").then()
                .body("totalResults", equalTo(3)).body("Resources", hasSize(1));
        scim().request().queryParam("filter", filter).queryParam("startIndex", 2).queryParam("count", 5)
                .get("/scim/v2/Users").then().body("totalResults", equalTo(3))
                .body("Resources.id", equalTo(java.util.List.of(ids.get(2), ids.get(3))));
        // it is inactive, but not an inactive user SCIM can see
        scim().request().queryParam("filter", filter + " and active eq false").get("/scim/v2/Users").then()
                .body("totalResults", equalTo(0));
        scim().request().queryParam("filter", "id eq \"" + gone + "\"").get("/scim/v2/Users").then()
                .body("totalResults", equalTo(0));
        scim().request().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName sw \\"%s\\""}"""
                .formatted(tag)).post("/scim/v2/Users/.search").then().statusCode(200)
                .body("totalResults", equalTo(3)).body("Resources.id", not(hasItem(gone)));
        long provisioned = ((Number) TestClient.sqlValue(
                "select count(*) from users where org_id = ?::uuid and deprovisioned_at is null",
                TestClient.orgOf(getClass()).id())).longValue();
        scim().request().queryParam("count", 1).get("/scim/v2/Users").then()
                .body("totalResults", equalTo((int) provisioned));
    }

    @Test
    void aCreateOfADeprovisionedUserNameByAnotherPersonIsANewUserThatInheritsNothing() {
        // the assessment's case: e1 has a password and ADMIN, is deleted; e2 (another person) gets the userName
        TestClient.Org org = TestClient.orgOf(getClass());
        String userName = unique("inherit");
        String old = scim().request().body("""
                {"schemas":["%s"],"userName":"%s","externalId":"e1","password":"old password!"}"""
                .formatted(Scim.USER, userName)).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        Object admin = TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = 'ADMIN'", org.id());
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + admin + "/members/" + old).then()
                .statusCode(204);
        scim().request().delete("/scim/v2/Users/" + old).then().statusCode(204);

        String created = scim().request().body("""
                {"schemas":["%s"],"userName":"%s","externalId":"e2","displayName":"Someone else"}"""
                .formatted(Scim.USER, userName.toUpperCase())).post("/scim/v2/Users")
                .then().statusCode(201).header("ETag", equalTo("W/\"1\"")).body("id", not(equalTo(old)))
                .body("externalId", equalTo("e2")).extract().path("id");
        TestClient.login(org.name(), userName, "old password!", TestClient.newAddress()).then().statusCode(401);
        assertNull(TestClient.sqlValue("select password_hash from users where id = ?::uuid", created));
        assertEquals(java.util.List.of("PUBLIC"), TestClient.sqlList("""
                select r.name from memberships m join roles r on r.id = m.role_id where m.user_id = ?::uuid""",
                created));
        // the deprovisioned account keeps its id and stays deprovisioned, out of SCIM's sight
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from users where id = ?::uuid and deprovisioned_at is not null and not active""", old));
        scim().request().get("/scim/v2/Users/" + old).then().statusCode(404);
        scim().request().queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users")
                .then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(created));
        // the live account holds the userName now
        scim().request().body("{\"userName\":\"" + userName + "\",\"externalId\":\"e1\"}").post("/scim/v2/Users")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
    }

    @Test
    void aCreateWithTheDeprovisionedAccountsExternalIdRevivesItWithItsIdButNoAccess() {
        TestClient.Org org = TestClient.orgOf(getClass());
        String userName = unique("revive");
        String id = scim().request().body("""
                {"schemas":["%s"],"userName":"%s","externalId":"same","displayName":"Before","nickName":"old",
                 "password":"old password!"}""".formatted(Scim.USER, userName)).post("/scim/v2/Users")
                .then().statusCode(201).extract().path("id");
        String created = scim().request().get("/scim/v2/Users/" + id).then().extract().path("meta.created");
        String local = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(java.util.Map.of("name", unique("local"))).post("/api/v1/roles").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + local + "/members/" + id).then().statusCode(204);
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(204);

        String location = scim().request().body("""
                {"schemas":["%s"],"userName":"%s","externalId":"same","active":true,"displayName":"After",
                 "emails":[{"type":"work","value":"%s"}]}""".formatted(Scim.USER, userName.toUpperCase(), userName))
                .post("/scim/v2/Users")
                .then().statusCode(201)
                .header("ETag", equalTo("W/\"3\""))
                .body("id", equalTo(id))
                .body("userName", equalTo(userName.toUpperCase()))
                .body("displayName", equalTo("After"))
                .body("nickName", nullValue())
                .body("active", equalTo(true))
                .body("meta.created", equalTo(created))
                .extract().header("Location");
        assertTrue(location.endsWith("/scim/v2/Users/" + id), location);
        // nothing that granted access comes back: no password, no role but PUBLIC
        assertNull(TestClient.sqlValue("select password_hash from users where id = ?::uuid", id));
        TestClient.login(org.name(), userName, "old password!", TestClient.newAddress()).then().statusCode(401);
        assertEquals(java.util.List.of("PUBLIC"), TestClient.sqlList("""
                select r.name from memberships m join roles r on r.id = m.role_id where m.user_id = ?::uuid""", id));
        scim().request().body("{\"userName\":\"" + userName + "\",\"externalId\":\"same\"}").post("/scim/v2/Users")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
    }

    @Test
    void aRevivedAccountIsActiveAsTheCreateSays() {
        String userName = unique("revive-off");
        String id = scim().request().body("{\"userName\":\"" + userName + "\",\"externalId\":\"x1\"}")
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim().request().body("{\"userName\":\"" + userName + "\",\"externalId\":\"x1\",\"active\":false}")
                .post("/scim/v2/Users").then().statusCode(201).body("id", equalTo(id)).body("active", equalTo(false));
        assertEquals(1L, TestClient.sqlValue(
                "select count(*) from users where id = ?::uuid and deprovisioned_at is null and not active", id));
        scim().request().get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void deleteHonoursIfMatch() {
        String id = scim().createUser(unique("ifmatch"));
        String etag = scim().request().get("/scim/v2/Users/" + id).then().extract().header("ETag");
        scim().request().header("If-Match", "W/\"7\"").delete("/scim/v2/Users/" + id).then().statusCode(412);
        assertNull(TestClient.sqlValue("select deprovisioned_at from users where id = ?::uuid", id));
        scim().request().header("If-Match", etag).delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim().request().get("/scim/v2/Users/" + id).then().statusCode(404);
    }

    @Test
    void plainJsonRequestsAreAcceptedAndAnsweredAsScimJson() {
        String userName = unique("json");
        scim().request().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"userName\":\"" + userName + "\"}").post("/scim/v2/Users")
                .then().statusCode(201).contentType(startsWith("application/scim+json"))
                .body("userName", equalTo(userName));
    }

    @Test
    void concurrentPatchesOfOneUserAreSerialisedNotLost() throws Exception {
        String id = scim().createUser(unique("concurrent"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String value = "alias" + i + "@example.com";
                results.add(pool.submit(() -> scim().patch("/scim/v2/Users/" + id,
                        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"type\":\"other\",\"value\":\"" + value + "\"}]}]")
                        .statusCode()));
            }
            for (java.util.concurrent.Future<Integer> f : results) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        scim().request().get("/scim/v2/Users/" + id).then().body("emails", hasSize(21));
        assertEquals(21L, TestClient.sqlValue("select version from users where id = ?::uuid", id));
    }

    @Test
    void putWithoutActiveNeverReenablesADisabledUser() {
        String userName = unique("putactive");
        String id = scim().createUser(userName);
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]")
                .then().statusCode(200);
        scim().request().body("{\"userName\":\"" + userName + "\",\"displayName\":\"Still off\"}")
                .put("/scim/v2/Users/" + id)
                .then().statusCode(200).body("active", equalTo(false)).body("displayName", equalTo("Still off"));
        assertEquals(false, TestClient.sqlValue("select active from users where id = ?::uuid", id));
    }

    @Test
    void theTokenOwnerCannotBeDeactivatedOrDeletedThroughItsOwnToken() {
        TestClient.Org org = TestClient.newOrg("selfguard");
        Scim own = new Scim(org);
        own.patch("/scim/v2/Users/" + org.adminUserId(), "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")
                .then().statusCode(409).body("detail", containsString("token of this request"));
        own.request().delete("/scim/v2/Users/" + org.adminUserId()).then().statusCode(409)
                .body("scimType", nullValue()).body("detail", containsString("token of this request"));
        own.request().get("/scim/v2/Users/" + org.adminUserId()).then().statusCode(200).body("active", equalTo(true));
        assertNull(TestClient.sqlValue("select deprovisioned_at from users where id = ?::uuid",
                org.adminUserId()));
    }
}
