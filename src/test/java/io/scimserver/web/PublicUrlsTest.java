package io.scimserver.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.RawHttp;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20.9: responses are not built from the {@code Host} header ({@code Location}, {@code meta.location},
 * {@code $ref} and discovery documents name the server's own address, or the configured public base URL), and
 * responses carrying a secret are {@code Cache-Control: no-store}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class PublicUrlsTest {

    private static final String EVIL = "evil.example";

    private RawHttp.Answer send(String method, String path, String body) throws Exception {
        return RawHttp.send(method, path.getBytes(StandardCharsets.US_ASCII), Map.of("Host", EVIL, "Authorization",
                "Bearer " + TestClient.orgOf(getClass()).adminToken(), "Content-Type", Scim.SCIM_JSON),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aForgedHostIsReflectedNowhere() throws Exception {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        String user = scim.createUser("host@urls.example");
        RawHttp.Answer created = send("POST", "/scim/v2/Groups",
                "{\"displayName\":\"Hosts\",\"members\":[{\"value\":\"" + user + "\"}]}");
        assertEquals(201, created.status(), created.body());
        String location = created.headers().get("location");
        assertTrue(location.startsWith("http://127.0.0.1:" + RawHttp.port() + "/scim/v2/Groups/"), location);
        for (String path : new String[] { "/scim/v2/Groups", "/scim/v2/Users/" + user, "/scim/v2/ServiceProviderConfig",
            "/scim/v2/ResourceTypes", "/scim/v2/Schemas" }) {
            RawHttp.Answer a = send("GET", path, null);
            assertEquals(200, a.status(), path + ": " + a.body());
            assertFalse(a.body().contains(EVIL), path + " reflects the Host header: " + a.body());
            assertTrue(a.body().contains("http://127.0.0.1:" + RawHttp.port() + "/scim/v2/"), path + ": " + a.body());
        }
        RawHttp.Answer role = RawHttp.send("POST", "/api/v1/roles".getBytes(StandardCharsets.US_ASCII), Map.of("Host",
                EVIL, "Authorization", "Bearer " + TestClient.orgOf(getClass()).adminToken(), "Content-Type",
                "application/json"), "{\"name\":\"host-role\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, role.status(), role.body());
        assertFalse(role.headers().get("location").contains(EVIL), role.headers().get("location"));
    }

    @Test
    void responsesCarryingSecretsAreNotStored() {
        given().auth().oauth2(TestClient.orgOf(getClass()).adminToken()).contentType("application/json")
                .body("{\"label\":\"cache\"}").post("/api/v1/tokens")
                .then().statusCode(201).header("Cache-Control", "no-store");
        given().contentType("application/json").body("{\"userName\":\"nobody@x.example\",\"password\":\"wrong-password\"}")
                .post("/api/v1/login").then().header("Cache-Control", "no-store");
        // the operator's ADMIN restoration answers with a token too, and so will any /api endpoint added later
        given().auth().oauth2(TestClient.OPERATOR_TOKEN).contentType("application/json").body("{}")
                .post("/api/v1/orgs/admins").then().header("Cache-Control", "no-store");
    }
}
