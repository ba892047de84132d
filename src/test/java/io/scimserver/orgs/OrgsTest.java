package io.scimserver.orgs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
}
