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

    @Test
    void eachBulkOperationCountsAsARequest() {
        Scim scim = new Scim(TestClient.newOrg("bulkthrottled"));
        scim.request().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)  // 1 request of 12
                .body("bulk.maxOperations", equalTo(12)); // the burst: a larger bulk could never pass
        bulk(scim, 13, "over").then().statusCode(413)                                    // 2: counted as one
                .body("detail", containsString("maxOperations is 12"));
        bulk(scim, 11, "all").then().statusCode(429)      // 3 + 10 more would be 13: refused whole, nothing done
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString("each operation of a bulk request counts as one"));
        assertEquals(0L, TestClient.sqlValue("select count(*) from users where org_id = ?::uuid and user_name like 'all-%'",
                scim.org().id()));
        bulk(scim, 9, "fits").then().statusCode(200)      // 4 + 8 more: the refused bulk took only its own one
                .body("Operations.status", org.hamcrest.Matchers.everyItem(equalTo("201")));
        scim.request().get("/scim/v2/Users").then().statusCode(429);                     // the burst is spent
    }

    @Test
    void bulkOperationsOnOneObjectCountAgainstItsLimit() {
        Scim scim = new Scim(TestClient.newOrg("bulkhot"));
        String id = scim.createUser("hot@bulkhot.example");
        String patch = "{\"method\":\"PATCH\",\"path\":\"/Users/" + id + "\",\"data\":{\"Operations\":"
                + "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Hot\"}]}}";
        scim.request().body("{\"Operations\":[" + String.join(",", java.util.Collections.nCopies(4, patch)) + "]}")
                .post("/scim/v2/Bulk").then().statusCode(200)
                .body("Operations.status", equalTo(java.util.List.of("200", "200", "200", "429")))
                .body("Operations[3].response.detail", containsString("resource"));
    }

    private static io.restassured.response.Response bulk(Scim scim, int operations, String prefix) {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < operations; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"")
                    .append(i).append("\",\"data\":{\"userName\":\"").append(prefix).append('-').append(i)
                    .append("@").append(scim.org().name()).append(".example\"}}");
        }
        return scim.request().body("{\"Operations\":[" + ops + "]}").post("/scim/v2/Bulk");
    }
}
