package io.scimserver.orgs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class OrgsTest {

    @Test
    void operatorCreatesAnOrganisationWithAnAdminAndItsToken() {
        String name = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN)
                .body(Map.of("name", name, "adminUserName", "admin@acme.example"))
                .when().post("/api/v1/orgs")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/orgs/"))
                .body("name", equalTo(name))
                .body("adminUserId", notNullValue())
                .body("adminToken", startsWith("scim_"))
                .extract().path("id");
        assertEquals(2L, TestClient.sqlValue(
                "select count(*) from roles where org_id = ?::uuid and source = 'SYSTEM'", id));
        assertEquals(2L, TestClient.sqlValue("""
                select count(*) from memberships m join roles r on r.id = m.role_id
                where r.org_id = ?::uuid and r.name in ('PUBLIC', 'ADMIN')""", id));
        assertEquals(0L, TestClient.sqlValue(
                "select count(*) from access_tokens where org_id = ?::uuid and token_hash is null", id));
    }

    @Test
    void duplicateNameIsAConflictWhateverItsCase() {
        TestClient.Org org = TestClient.newOrg("dup");
        given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN)
                .body(Map.of("name", org.name().toUpperCase(), "adminUserName", "x@y.example"))
                .when().post("/api/v1/orgs")
                .then().statusCode(409)
                .body("message", containsString("already exists"));
    }

    @Test
    void withoutTheOperatorTokenNoOrganisationIsCreated() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "nope", "adminUserName", "x@y.example"))
                .when().post("/api/v1/orgs")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON).auth().oauth2("wrong-token")
                .body(Map.of("name", "nope", "adminUserName", "x@y.example"))
                .when().post("/api/v1/orgs")
                .then().statusCode(401).body("message", containsString("not the operator token"));
        assertEquals(0L, TestClient.sqlValue("select count(*) from organizations where name = 'nope'"));
    }

    @Test
    void emptyNamesAreRefused() {
        given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN)
                .body(Map.of("name", " ", "adminUserName", "x@y.example"))
                .when().post("/api/v1/orgs")
                .then().statusCode(400).body("message", containsString("non-empty"));
    }

    @Test
    void healthIsUp() {
        TestClient.management().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        TestClient.management().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * The operator restores an ADMIN to an organisation whose admins are all gone (here: its only admin deactivated and
     * another user deprovisioned by SCIM): naming the deprovisioned account's userName makes a new user (revival is not
     * inheritance, as for SCIM), made ADMIN and given a new token, which works at once; the action is audited as the
     * operator's. Any other token is refused, an unknown organisation is 404.
     */
    @Test
    void operatorRestoresAnAdminToAnOrganisationThatLostThem() {
        TestClient.Org org = TestClient.newOrg("restore");
        String other = new io.scimserver.testing.Scim(org).createUser("helpdesk@" + org.name() + ".example");
        new io.scimserver.testing.Scim(org).request().delete("/scim/v2/Users/" + other).then().statusCode(204);
        TestClient.setActive(org.adminUserId(), false);
        given().auth().oauth2(org.adminToken()).get("/scim/v2/Users").then().statusCode(401);

        Map<String, String> body = Map.of("organization", org.name(), "userName", " HELPDESK@" + org.name()
                + ".example");
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(body)
                .post("/api/v1/orgs/admins").then().statusCode(401);
        var restored = given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN).body(body)
                .post("/api/v1/orgs/admins").then().statusCode(200)
                .body("organizationId", equalTo(org.id())).body("userId", not(equalTo(other)))
                .body("created", equalTo(true)).body("reactivated", equalTo(false))
                .extract();
        String token = restored.path("token");
        String admin = restored.path("userId");
        given().auth().oauth2(token).accept("application/scim+json").get("/scim/v2/Users/" + admin).then()
                .statusCode(200).body("active", equalTo(true));
        given().auth().oauth2(token).accept("application/scim+json").get("/scim/v2/Users/" + other).then()
                .statusCode(404);
        given().auth().oauth2(token).get("/api/v1/audit?operation=restore-admin").then().statusCode(200)
                .body("items[0].actor.kind", equalTo("OPERATOR")).body("items[0].resourceId", equalTo(admin));
        // the deactivated first admin is reactivated, the same account
        given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN)
                .body(Map.of("organization", org.name(), "userName", "admin@" + org.name() + ".example"))
                .post("/api/v1/orgs/admins").then().statusCode(200).body("userId", equalTo(org.adminUserId()))
                .body("created", equalTo(false)).body("reactivated", equalTo(true));
        // a user that does not exist yet is created as an active ADMIN
        given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN)
                .body(Map.of("organization", org.name(), "userName", "new-admin@" + org.name() + ".example"))
                .post("/api/v1/orgs/admins").then().statusCode(200).body("created", equalTo(true))
                .body("token", startsWith("scim_"));
        given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN)
                .body(Map.of("organization", "no-such-" + UUID.randomUUID(), "userName", "x@example.com"))
                .post("/api/v1/orgs/admins").then().statusCode(404);
        given().contentType(ContentType.JSON).auth().oauth2(TestClient.OPERATOR_TOKEN)
                .body(Map.of("organization", org.name())).post("/api/v1/orgs/admins").then().statusCode(400);
    }
}
