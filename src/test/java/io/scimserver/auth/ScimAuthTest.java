package io.scimserver.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every way a SCIM request can fail authentication, each answered 401 (or 403) with a SCIM error saying why. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class ScimAuthTest {

    static final String ENDPOINT = "/scim/v2/ServiceProviderConfig";
    private static TestClient.Org org() {
        return TestClient.orgOf(ScimAuthTest.class);
    }

    private static ValidatableResponse unauthorized(ValidatableResponse r, String detail) {
        return r.statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(startsWith("application/scim+json"))
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo("401"))
                .body("detail", containsString(detail))
                .body(not(containsString("Exception")));
    }

    @Test
    void adminTokenIsLetIn() {
        given().auth().oauth2(org().adminToken()).get(ENDPOINT)
                .then().statusCode(200).contentType(startsWith("application/scim+json"))
                .body("patch.supported", equalTo(true));
    }

    @Test
    void missingToken() {
        unauthorized(given().get(ENDPOINT).then(), "no bearer token");
    }

    @Test
    void malformedHeader() {
        unauthorized(given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get(ENDPOINT).then(), "malformed");
        unauthorized(given().header("Authorization", "Bearer garbage").get(ENDPOINT).then(), "malformed");
    }

    @Test
    void unknownToken() {
        unauthorized(given().auth().oauth2("scim_" + UUID.randomUUID()).get(ENDPOINT).then(), "unknown token");
    }

    @Test
    void tamperedSessionToken() {
        unauthorized(given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get(ENDPOINT).then(),
                "invalid or expired session token");
    }

    @Test
    void revokedToken() {
        TestClient.Org o = TestClient.newOrg("revoked");
        TestClient.credentialSql("update access_tokens set revoked_at = now() where user_id = ?::uuid",
                o.adminUserId());
        unauthorized(given().auth().oauth2(o.adminToken()).get(ENDPOINT).then(), "revoked");
    }

    @Test
    void expiredToken() {
        TestClient.Org o = TestClient.newOrg("expired");
        TestClient.credentialSql(
                "update access_tokens set expires_at = now() - interval '1 minute' where user_id = ?::uuid",
                o.adminUserId());
        unauthorized(given().auth().oauth2(o.adminToken()).get(ENDPOINT).then(), "expired");
    }

    @Test
    void deactivatedOwnerIsRefusedOnceTheChangeIsHeard() {
        // the token is cached by this request; an operator's SQL reaches the cache within 100 ms (a deactivation
        // through SCIM on this replica at once: CredentialCacheHttpTest)
        TestClient.Org o = TestClient.newOrg("inactive");
        given().auth().oauth2(o.adminToken()).get(ENDPOINT).then().statusCode(200);
        TestClient.credentialSql("update users set active = false where id = ?::uuid", o.adminUserId());
        unauthorized(given().auth().oauth2(o.adminToken()).get(ENDPOINT).then(), "deactivated");
    }

    @Test
    void nonAdminOwnerIsForbidden() {
        TestClient.Org o = TestClient.newOrg("notadmin");
        TestClient.credentialSql("""
                delete from memberships m using roles r
                where r.id = m.role_id and r.name = 'ADMIN' and m.user_id = ?::uuid""", o.adminUserId());
        given().auth().oauth2(o.adminToken()).get(ENDPOINT)
                .then().statusCode(403)
                .contentType(startsWith("application/scim+json"))
                .body("status", equalTo("403"))
                .body("detail", containsString("ADMIN"));
    }

    @Test
    void operatorTokenIsNotASCIMToken() {
        unauthorized(given().auth().oauth2(TestClient.OPERATOR_TOKEN).get(ENDPOINT).then(), "malformed");
    }
}
