package io.scimserver.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AdminTest {

    static String roleId(TestClient.Org org, String name) {
        return TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = ?", org.id(), name)
                .toString();
    }

    static String provisionedRole(TestClient.Org org, String name) {
        String id = UUID.randomUUID().toString();
        TestClient.sql("""
                insert into roles (id, org_id, name, source, external_id, attributes, version, created, last_modified)
                values (?::uuid, ?::uuid, ?, 'PROVISIONED', 'entra-object-id', '{}', 1, now(), now())""",
                id, org.id(), name);
        return id;
    }

    static String user(TestClient.Org org) {
        return TestClient.newUser(org.id(), "u-" + UUID.randomUUID() + "@example.com");
    }

    static String sessionOf(TestClient.Org org, String userId) {
        TestClient.setPassword(org, userId, "a good password");
        String userName = (String) TestClient.sqlValue("select user_name from users where id = ?::uuid", userId);
        return TestClient.login(org.name(), userName, "a good password", TestClient.newAddress()).path("token");
    }

    @Test
    void rolesAreListedWithSourceAndMemberCount() {
        TestClient.Org org = TestClient.newOrg("roles");
        user(org);
        String groupId = provisionedRole(org, "Engineering");
        given().auth().oauth2(org.adminToken()).get("/api/v1/roles").then().statusCode(200)
                .body("find { it.name == 'PUBLIC' }.source", equalTo("SYSTEM"))
                .body("find { it.name == 'PUBLIC' }.memberCount", equalTo(2))
                .body("find { it.name == 'ADMIN' }.memberCount", equalTo(1))
                .body("find { it.name == 'Engineering' }.id", equalTo(groupId))
                .body("find { it.name == 'Engineering' }.source", equalTo("PROVISIONED"));
    }

    @Test
    void localRolesAreCreatedFilledAndDeleted() {
        TestClient.Org org = TestClient.newOrg("local");
        String id = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("name", "Auditors")).post("/api/v1/roles").then().statusCode(201)
                .body("source", equalTo("LOCAL")).body("memberCount", equalTo(0)).extract().path("id");
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("name", "auditors")).post("/api/v1/roles").then().statusCode(409);
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("name", " ")).post("/api/v1/roles").then().statusCode(400);
        String u = user(org);
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + id + "/members/" + u).then().statusCode(204);
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + id + "/members/" + u).then().statusCode(204);
        given().auth().oauth2(org.adminToken()).get("/api/v1/roles").then()
                .body("find { it.id == '" + id + "' }.memberCount", equalTo(1));
        given().auth().oauth2(sessionOf(org, u)).get("/api/v1/me").then().body("roles.name", hasItem("Auditors"));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + id + "/members/" + u).then().statusCode(204);
        given().auth().oauth2(org.adminToken()).get("/api/v1/roles").then()
                .body("find { it.id == '" + id + "' }.memberCount", equalTo(0));
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + id + "/members/" + UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + id).then().statusCode(204);
        given().auth().oauth2(org.adminToken()).get("/api/v1/roles").then().body("id", not(hasItem(id)));
    }

    @Test
    void provisionedRolesAreManagedByProvisioning() {
        TestClient.Org org = TestClient.newOrg("prov");
        String group = provisionedRole(org, "Sales");
        String u = user(org);
        TestClient.sql("insert into memberships (role_id, user_id, org_id) values (?::uuid, ?::uuid, ?::uuid)",
                group, u, org.id());
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + group + "/members/" + org.adminUserId())
                .then().statusCode(409).body("message", containsString("managed by provisioning"));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + group + "/members/" + u)
                .then().statusCode(409).body("message", containsString("managed by provisioning"));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + group)
                .then().statusCode(409).body("message", containsString("managed by provisioning"));
    }

    @Test
    void publicMembershipNeverChangesAndSystemRolesStay() {
        TestClient.Org org = TestClient.newOrg("public");
        String pub = roleId(org, "PUBLIC");
        String u = user(org);
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + pub + "/members/" + u)
                .then().statusCode(409).body("message", containsString("PUBLIC"));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + pub + "/members/" + org.adminUserId())
                .then().statusCode(409);
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + pub).then().statusCode(409);
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + roleId(org, "ADMIN")).then().statusCode(409);
    }

    @Test
    void adminMembershipKeepsTheOrganisationAdministrable() {
        TestClient.Org org = TestClient.newOrg("admins");
        String admin = roleId(org, "ADMIN");
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + admin + "/members/" + org.adminUserId())
                .then().statusCode(409).body("message", containsString("yourself"));
        String second = user(org);
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + admin + "/members/" + second)
                .then().statusCode(204);
        String secondSession = sessionOf(org, second);
        given().auth().oauth2(secondSession).get("/api/v1/users").then().statusCode(200);
        // the second admin removes the first; then the second is the last active admin
        given().auth().oauth2(secondSession).delete("/api/v1/roles/" + admin + "/members/" + org.adminUserId())
                .then().statusCode(204);
        given().auth().oauth2(org.adminToken()).get("/api/v1/users").then().statusCode(403);
        given().auth().oauth2(secondSession).delete("/api/v1/users/" + second).then().statusCode(409);
        given().auth().oauth2(secondSession).delete("/api/v1/roles/" + admin + "/members/" + second)
                .then().statusCode(409);
    }

    @Test
    void deactivatedAdminsDoNotCountAsAdminsAndMayBeRemoved() {
        TestClient.Org org = TestClient.newOrg("last");
        String admin = roleId(org, "ADMIN");
        String second = user(org);
        String third = user(org);
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + admin + "/members/" + second)
                .then().statusCode(204);
        String secondSession = sessionOf(org, second);
        String thirdSession = sessionOf(org, third);
        // the identity provider deactivates the first admin: the second is now the only active one
        TestClient.setActive(org.adminUserId(), false);
        given().auth().oauth2(secondSession).delete("/api/v1/roles/" + admin + "/members/" + second)
                .then().statusCode(409);
        given().auth().oauth2(secondSession).put("/api/v1/roles/" + admin + "/members/" + third)
                .then().statusCode(204);
        given().auth().oauth2(thirdSession).delete("/api/v1/roles/" + admin + "/members/" + second)
                .then().statusCode(204);
        given().auth().oauth2(secondSession).get("/api/v1/roles").then().statusCode(403);
        given().auth().oauth2(thirdSession).delete("/api/v1/roles/" + admin + "/members/" + org.adminUserId())
                .then().statusCode(204);
        given().auth().oauth2(thirdSession).get("/api/v1/roles").then()
                .body("find { it.name == 'ADMIN' }.memberCount", equalTo(1));
    }

    @Test
    void deletingAUserIsCompleteAndLocal() {
        TestClient.Org org = TestClient.newOrg("delete");
        String u = user(org);
        String session = sessionOf(org, u);
        String pat = given().contentType(ContentType.JSON).auth().oauth2(session).body(Map.of("label", "x"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        given().auth().oauth2(session).delete("/api/v1/users/" + u).then().statusCode(403);
        given().auth().oauth2(org.adminToken()).delete("/api/v1/users/" + u).then().statusCode(204);
        given().auth().oauth2(session).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(pat).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(org.adminToken()).delete("/api/v1/users/" + u).then().statusCode(404);
        given().auth().oauth2(org.adminToken()).get("/api/v1/users").then().body("id", not(hasItem(u)));
        assertEquals(0L, TestClient.sqlValue(
                "select count(*) from memberships where user_id = ?::uuid", u));
    }

    @Test
    void deprovisionedAccountsAreListedAndDeletedCompletelyOnlyHere() {
        TestClient.Org org = TestClient.newOrg("deprovisioned");
        Scim scim = new Scim(org);
        String userName = "d-" + UUID.randomUUID() + "@example.com";
        String gone = scim.createUser(userName);
        String kept = scim.createUser("k-" + UUID.randomUUID() + "@example.com");
        scim.request().delete("/scim/v2/Users/" + gone).then().statusCode(204);

        given().auth().oauth2(org.adminToken()).get("/api/v1/users").then().statusCode(200)
                .body("find { it.id == '" + gone + "' }.userName", equalTo(userName))
                .body("find { it.id == '" + gone + "' }.active", equalTo(false))
                .body("find { it.id == '" + gone + "' }.deprovisionedAt", notNullValue())
                .body("find { it.id == '" + kept + "' }.active", equalTo(true))
                .body("find { it.id == '" + kept + "' }.deprovisionedAt", nullValue());
        String local = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("name", "Readers")).post("/api/v1/roles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + local + "/members/" + gone)
                .then().statusCode(409).body("message", containsString("deprovisioned"));

        given().auth().oauth2(org.adminToken()).delete("/api/v1/users/" + gone).then().statusCode(204);
        assertEquals(0L, TestClient.sqlValue("select count(*) from users where id = ?::uuid", gone));
        given().auth().oauth2(org.adminToken()).get("/api/v1/users").then().body("id", not(hasItem(gone)));
        // the userName is free again: a create makes a new user, not a revival
        String again = scim.createUser(userName);
        assertNotEquals(gone, again);
    }

    @Test
    void adminEndpointsNeedAnAdmin() {
        TestClient.Org org = TestClient.newOrg("nonadmin");
        String session = sessionOf(org, user(org));
        given().auth().oauth2(session).get("/api/v1/users").then().statusCode(403);
        given().auth().oauth2(session).get("/api/v1/roles").then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(session).body(Map.of("name", "x"))
                .post("/api/v1/roles").then().statusCode(403);
        given().auth().oauth2(session).put("/api/v1/roles/" + roleId(org, "ADMIN") + "/members/" + user(org))
                .then().statusCode(403);
        given().auth().oauth2(session).delete("/api/v1/users/" + org.adminUserId()).then().statusCode(403);
    }

    @Test
    void anotherOrganisationIsNeverReadNorChanged() {
        TestClient.Org a = TestClient.newOrg("tenant-a");
        TestClient.Org b = TestClient.newOrg("tenant-b");
        String userOfA = user(a);
        String localOfA = given().contentType(ContentType.JSON).auth().oauth2(a.adminToken())
                .body(Map.of("name", "A-only")).post("/api/v1/roles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(b.adminToken()).get("/api/v1/users").then().statusCode(200)
                .body("id", not(hasItem(userOfA))).body("id", not(hasItem(a.adminUserId())));
        given().auth().oauth2(b.adminToken()).get("/api/v1/roles").then().body("id", not(hasItem(localOfA)));
        given().auth().oauth2(b.adminToken()).put("/api/v1/roles/" + localOfA + "/members/" + b.adminUserId())
                .then().statusCode(404);
        given().auth().oauth2(b.adminToken()).put("/api/v1/roles/" + roleId(b, "ADMIN") + "/members/" + userOfA)
                .then().statusCode(404);
        given().auth().oauth2(b.adminToken()).delete("/api/v1/users/" + userOfA).then().statusCode(404);
        given().auth().oauth2(b.adminToken()).delete("/api/v1/roles/" + localOfA).then().statusCode(404);
        given().contentType(ContentType.JSON).auth().oauth2(b.adminToken()).body(Map.of("password", "takeover!!"))
                .put("/api/v1/users/" + userOfA + "/password").then().statusCode(404);
        given().auth().oauth2(a.adminToken()).get("/api/v1/users").then().body("id", hasItem(userOfA));
    }
}
