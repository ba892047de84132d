package io.scimserver.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The end-to-end rules, with users and groups provisioned through SCIM as Entra does. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DeactivationTest {

    static final String PASSWORD = "provisioned password";

    @Test
    void deactivationTakesEffectOnTheNextRequestAndReactivationRestoresLogin() {
        TestClient.Org org = TestClient.newOrg("deactivate");
        Scim scim = new Scim(org);
        Account a = provisionWithEveryCredential(org, "dana");
        var revoked = given().contentType(ContentType.JSON).auth().oauth2(a.session()).body(Map.of("label", "revoked"))
                .post("/api/v1/tokens").then().statusCode(201).extract();
        given().auth().oauth2(a.session()).delete("/api/v1/tokens/" + revoked.path("id")).then().statusCode(204);

        scim.patch("/scim/v2/Users/" + a.id(), "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")
                .then().statusCode(200).body("active", equalTo(false));
        for (String token : new String[] {a.session(), a.ssoSession(), a.pat()}) {
            given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401)
                    .body("message", containsString("deactivated"));
        }
        TestClient.login(org.name(), a.userName(), PASSWORD, TestClient.newAddress()).then().statusCode(401)
                .body("message", equalTo(PasswordLogin.REFUSED));
        sso(org, a.idToken())
                .then().statusCode(401);
        // the account is kept
        scim.request().get("/scim/v2/Users/" + a.id()).then().statusCode(200).body("active", equalTo(false));

        scim.patch("/scim/v2/Users/" + a.id(), "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]")
                .then().statusCode(200).body("active", equalTo(true));
        String again = TestClient.login(org.name(), a.userName(), PASSWORD, TestClient.newAddress()).then()
                .statusCode(200).extract().path("token");
        given().auth().oauth2(again).get("/api/v1/me").then().statusCode(200).body("active", equalTo(true));
        sso(org, a.idToken())
                .then().statusCode(200);
        given().auth().oauth2(a.pat()).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(revoked.<String>path("token")).get("/api/v1/me").then().statusCode(401)
                .body("message", containsString("revoked"));
        // sessions issued before the deactivation stay ended, although the account is active again
        for (String token : new String[] {a.session(), a.ssoSession()}) {
            given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401)
                    .body("message", containsString("session ended"));
        }
    }

    @Test
    void aDeprovisionedUserCannotLogInByAnyRouteAndItsTokensAreRevoked() {
        TestClient.Org org = TestClient.newOrg("deprovision");
        Scim scim = new Scim(org);
        Account a = provisionWithEveryCredential(org, "gus");

        scim.request().delete("/scim/v2/Users/" + a.id()).then().statusCode(204);

        TestClient.login(org.name(), a.userName(), PASSWORD, TestClient.newAddress()).then().statusCode(401)
                .body("message", equalTo(PasswordLogin.REFUSED));
        sso(org, a.idToken())
                .then().statusCode(401);
        for (String token : new String[] {a.session(), a.ssoSession()}) {
            given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401)
                    .body("message", containsString("deactivated"));
        }
        given().auth().oauth2(a.pat()).get("/api/v1/me").then().statusCode(401)
                .body("message", containsString("revoked"));
        assertEquals(0L, TestClient.sqlValue(
                "select count(*) from access_tokens where user_id = ?::uuid and revoked_at is null", a.id()));

        // provisioned again without the old externalId: a new account, which the old credentials do not reach
        String again = scim.request().body(a.create()).post("/scim/v2/Users").then().statusCode(201).extract()
                .path("id");
        assertNotEquals(a.id(), again);
        String session = TestClient.login(org.name(), a.userName(), PASSWORD, TestClient.newAddress()).then()
                .statusCode(200).extract().path("token");
        given().auth().oauth2(session).get("/api/v1/me").then().statusCode(200).body("id", equalTo(again));
        // the old account's SSO subject is bound to it still, so it does not sign in to the new person's account
        sso(org, a.idToken()).then().statusCode(401);
        for (String token : new String[] {a.session(), a.ssoSession(), a.pat()}) {
            given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401);
        }
    }

    @Test
    void aScimGroupIsAProvisionedRoleThatAdminsCannotChange() {
        TestClient.Org org = TestClient.newOrg("provisioned");
        Scim scim = new Scim(org);
        String member = scim.createUser("m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        String group = scim.createGroup("Engineering");
        scim.patch("/scim/v2/Groups/" + group, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + member + "\"}]}]").then().statusCode(204);
        given().auth().oauth2(org.adminToken()).get("/api/v1/roles").then().statusCode(200)
                .body("find { it.id == '" + group + "' }.source", equalTo("PROVISIONED"))
                .body("find { it.id == '" + group + "' }.memberCount", equalTo(1));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + group + "/members/" + member)
                .then().statusCode(409).body("message", containsString("managed by provisioning"));
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + group + "/members/" + org.adminUserId())
                .then().statusCode(409).body("message", containsString("managed by provisioning"));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + group)
                .then().statusCode(409).body("message", containsString("managed by provisioning"));
    }

    @Test
    void aScimPasswordIsStoredAsBcryptAndLogsIn() {
        TestClient.Org org = TestClient.newOrg("scimpw");
        String userName = "p-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = new Scim(org).request().body("""
                {"schemas":["%s"],"userName":"%s","password":"%s"}""".formatted(Scim.USER, userName, PASSWORD))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String hash = (String) TestClient.sqlValue("select password_hash from users where id = ?::uuid", id);
        assertTrue(hash.startsWith("$2a$12$"), hash);
        TestClient.login(org.name(), userName, PASSWORD, TestClient.newAddress()).then().statusCode(200);
    }

    /** A SCIM-provisioned user with a password and every credential it can hold: two sessions, a token, an ID token. */
    record Account(String id, String userName, String create, String idToken, String session, String ssoSession,
            String pat) {
    }

    /**
     * Provisions a user through SCIM (with {@link #PASSWORD}), configures the organisation's SSO so that an ID token
     * naming it in {@code preferred_username} logs it in, and logs it in by password and by SSO, then issues it a token.
     */
    static Account provisionWithEveryCredential(TestClient.Org org, String name) {
        String userName = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String create = """
                {"schemas":["%s"],"userName":"%s","active":true,"password":"%s"}""".formatted(Scim.USER, userName,
                PASSWORD);
        String id = new Scim(org).request().body(create).post("/scim/v2/Users").then().statusCode(201).extract()
                .path("id");
        var keys = SsoTest.generate("RSA");
        String issuer = "https://idp.example/" + org.id();
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("issuer", issuer, "audience", "app", "publicKeyPem", SsoTest.pem(keys)))
                .put("/api/v1/sso").then().statusCode(200);
        String idToken = Jwt.issuer(issuer).audience("app").subject("s").claim("preferred_username", userName)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).jws()
                .algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
        String session = TestClient.login(org.name(), userName, PASSWORD, TestClient.newAddress()).then()
                .statusCode(200).extract().path("token");
        String ssoSession = sso(org, idToken).then().statusCode(200).extract().path("token");
        String pat = given().contentType(ContentType.JSON).auth().oauth2(session).body(Map.of("label", "kept"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        return new Account(id, userName, create, idToken, session, ssoSession, pat);
    }

    static io.restassured.response.Response sso(TestClient.Org org, String idToken) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", TestClient.newAddress())
                .body(Map.of("organization", org.name(), "idToken", idToken)).post("/api/v1/login/sso");
    }
}
