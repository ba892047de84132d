package io.scimserver.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AccountTest {

    static TestClient.Org org;

    @BeforeEach
    void organisation() {
        if (org == null) {
            org = TestClient.newOrg("account");
        }
    }

    @Test
    void meShowsUserOrganisationAndRolesWithAPatOrASession() {
        given().auth().oauth2(org.adminToken()).get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo(org.adminUserId()))
                .body("userName", equalTo("admin@" + org.name() + ".example"))
                .body("active", equalTo(true))
                .body("organization.id", equalTo(org.id()))
                .body("organization.name", equalTo(org.name()))
                .body("roles.name", containsInAnyOrder("ADMIN", "PUBLIC"))
                .body("roles[0].id", notNullValue());
        String userName = "me-" + UUID.randomUUID() + "@example.com";
        String id = TestClient.newUser(org.id(), userName);
        TestClient.setPassword(org, id, "a good password");
        String session = TestClient.login(org.name(), userName, "a good password", TestClient.newAddress())
                .path("token");
        given().auth().oauth2(session).get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo(id)).body("roles.name", containsInAnyOrder("PUBLIC"));
    }

    @Test
    void withoutATokenEverythingIs401() {
        given().get("/api/v1/me").then().statusCode(401).body("message", notNullValue());
        given().get("/api/v1/tokens").then().statusCode(401);
        given().auth().oauth2("scim_doesnotexist").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void tokensAreIssuedListedWithoutSecretsAndRevoked() {
        var created = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("label", "entra", "expiresInDays", 30)).post("/api/v1/tokens")
                .then().statusCode(201).body("token", startsWith("scim_")).body("expiresAt", notNullValue())
                .extract();
        String id = created.path("id");
        String secret = created.path("token");
        Map<String, Object> forever = new HashMap<>();
        forever.put("label", "forever");
        forever.put("expiresInDays", null);
        given().contentType(ContentType.JSON).auth().oauth2(secret).body(forever).post("/api/v1/tokens")
                .then().statusCode(201).body("expiresAt", nullValue());

        String listing = given().auth().oauth2(secret).get("/api/v1/tokens").then().statusCode(200)
                .body("id", hasItem(id)).body("find { it.id == '" + id + "' }.label", equalTo("entra"))
                .extract().asString();
        assertFalse(listing.contains(secret), "the listing shows a secret");
        assertFalse(listing.contains("scim_"), "the listing shows a secret");

        given().auth().oauth2(org.adminToken()).delete("/api/v1/tokens/" + id).then().statusCode(204);
        given().auth().oauth2(secret).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(org.adminToken()).get("/api/v1/tokens").then().body("id", not(hasItem(id)));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/tokens/" + id).then().statusCode(404);
    }

    @Test
    void nobodyDeletesAnotherUsersToken() {
        String id = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("label", "mine")).post("/api/v1/tokens").then().statusCode(201).extract().path("id");
        TestClient.Org other = TestClient.newOrg("account-other");
        given().auth().oauth2(other.adminToken()).delete("/api/v1/tokens/" + id).then().statusCode(404);
        given().auth().oauth2(other.adminToken()).get("/api/v1/tokens").then().body("id", not(hasItem(id)));
        String userName = "peer-" + UUID.randomUUID() + "@example.com";
        String peer = TestClient.newUser(org.id(), userName);
        TestClient.setPassword(org, peer, "a good password");
        String session = TestClient.login(org.name(), userName, "a good password", TestClient.newAddress())
                .path("token");
        given().auth().oauth2(session).delete("/api/v1/tokens/" + id).then().statusCode(404);
        given().auth().oauth2(session).get("/api/v1/tokens").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void badLifetimesAre400() {
        for (int days : new int[] {0, -1, 3651}) {
            given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                    .body(Map.of("label", "x", "expiresInDays", days)).post("/api/v1/tokens")
                    .then().statusCode(400).body("message", notNullValue());
        }
    }

    @Test
    void anExpiredTokenIs401() {
        String secret = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("label", "short", "expiresInDays", 1)).post("/api/v1/tokens").path("token");
        TestClient.sql("update access_tokens set expires_at = now() - interval '1 minute' where label = 'short'"
                + " and org_id = ?::uuid", org.id());
        given().auth().oauth2(secret).get("/api/v1/me").then().statusCode(401);
    }
}
