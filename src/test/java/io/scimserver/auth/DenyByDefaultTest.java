package io.scimserver.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Authentication denies by default: every path of the application port needs a bearer token unless it is in
 * {@link BearerAuthFilter#PUBLIC_PATHS}, also an endpoint that nobody listed (a test-only resource) and paths that no
 * endpoint serves; health and metrics are not on this port at all.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DenyByDefaultTest {

    @Test
    void theOnePublicListIsLoginOrganisationCreationAndTheConsoleSignIn() {
        assertEquals(Set.of("/api/v1/login", "/api/v1/login/sso", "/api/v1/orgs", "/api/v1/orgs/admins",
                "/console/login", "/console/assets/console.css", "/console/assets/console.js"),
                BearerAuthFilter.PUBLIC_PATHS);
    }

    /** The console's paths take their credential from its cookie: without one, the browser goes to sign in. */
    @ParameterizedTest
    @ValueSource(strings = { "/console", "/console/users", "/console/nothing", "/console/login/../users",
            "/console/assets/../users" })
    void consolePathsWithoutACookieGoToSignIn(String path) {
        given().urlEncodingEnabled(false).redirects().follow(false).get(path).then().statusCode(303)
                .header("Location", "/console/login");
    }

    @Test
    void anUnlistedEndpointNeedsAToken() {
        given().get("/test-only/unlisted").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("message", not(equalTo("reached")));
        given().auth().oauth2(TestClient.orgOf(getClass()).adminToken()).get("/test-only/unlisted")
                .then().statusCode(200).body(equalTo("reached"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/anything", "/scim/v2/Nothing", "/api/v1/nothing", "/q/health/ready", "/q/metrics",
            "/q/openapi", "/api/v1/login/../users", "/api/v1/orgs/x", "/consoles", "/console-x" })
    void pathsOutsideThePublicListAreRefusedWithoutAToken(String path) {
        given().urlEncodingEnabled(false).get(path).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/login", "/api/v1/login/sso" })
    void publicPathsAnswerWithoutAToken(String path) {
        given().contentType("application/json").body("{}").post(path).then()
                .body(not(containsString("bearer token")));
    }
}
