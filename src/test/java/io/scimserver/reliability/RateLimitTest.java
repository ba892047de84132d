package io.scimserver.reliability;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Over a rate limit: 429, a SCIM error body and Retry-After; per object first, then per organisation. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestProfile(RateLimitTest.Low.class)
class RateLimitTest {

    public static class Low implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim.rate-limit.org-per-second", "0.1", "scim.rate-limit.org-burst", "12",
                    "scim.rate-limit.object-per-second", "0.1", "scim.rate-limit.object-burst", "3");
        }
    }

    @Test
    void objectThenOrganisationLimits() {
        Scim scim = new Scim(TestClient.newOrg("throttled"));
        String id = scim.createUser("hot@throttled.example");                           // 1 request of 12
        for (int i = 0; i < 3; i++) {
            scim.request().get("/scim/v2/Users/" + id).then().statusCode(200);           // 4
        }
        scim.request().get("/scim/v2/Users/" + id).then().statusCode(429)                // 5
                .contentType(startsWith("application/scim+json"))
                .header("Retry-After", Integer::parseInt, org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo("429"))
                .body("detail", containsString("resource"));
        int ok = 0;
        int status;
        while ((status = scim.request().get("/scim/v2/Users?count=1").statusCode()) == 200) {
            ok++;
        }
        assertEquals(429, status);
        assertEquals(7, ok, "the organisation's burst of 12 is spent after 7 more requests");
        scim.request().get("/scim/v2/Users").then().statusCode(429).body("detail", containsString("organisation"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // another organisation is not throttled by this one
        new Scim(TestClient.newOrg("other")).request().get("/scim/v2/Users").then().statusCode(200);
    }
}
