package io.scimserver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.RawHttp;
import io.scimserver.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14.3: what happens to characters a URL may not hold raw. A request line that is not a valid URI (a raw
 * {@code "} or a malformed {@code %} escape in the path) is refused by Vert.x's HTTP server with a bare 400 before any
 * application code runs; Quarkus offers no hook to accept it or to answer with a body, so the README says how to
 * encode a filter. Everything that is a valid URI gets a SCIM error naming the problem, and the same filter
 * percent-encoded works.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class RawRequestLineTest {

    private static RawHttp.Answer get(String target) throws Exception {
        return RawHttp.send("GET", target.getBytes(StandardCharsets.ISO_8859_1), Map.of("Authorization",
                "Bearer " + TestClient.orgOf(RawRequestLineTest.class).adminToken()), null);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/scim/v2/Users?filter=userName%20eq%20\"x\"", "/scim/v2/Users/%zz" })
    void theHttpServerRefusesAnInvalidRequestLine(String target) throws Exception {
        RawHttp.Answer a = get(target);
        assertEquals(400, a.status(), a.body());
        assertEquals("close", a.headers().get("connection"));
    }

    @Test
    void theEncodedFilterWorks() throws Exception {
        RawHttp.Answer a = get("/scim/v2/Users?filter=userName%20eq%20%22x%22");
        assertEquals(200, a.status(), a.body());
        assertTrue(a.body().contains("\"totalResults\":0"), a.body());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/scim/v2/Users?filter=userName%20eq%20%22%00%22", "/scim/v2/Users?filter=%C3%28",
        "/scim/v2/Users?sortBy=%7F", "/scim/v2/Users?filter=%25zz%22" })
    void aValidUriWithRefusedTextGetsAScimError(String target) throws Exception {
        RawHttp.Answer a = get(target);
        assertTrue(a.status() == 400, a.status() + " " + a.body());
        assertTrue(a.headers().get("content-type").startsWith("application/scim+json"), a.headers().toString());
        assertTrue(a.body().contains("urn:ietf:params:scim:api:messages:2.0:Error"), a.body());
    }
}
