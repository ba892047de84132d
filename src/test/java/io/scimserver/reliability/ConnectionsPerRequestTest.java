package io.scimserver.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How many connections a SCIM request takes from the pool ({@code agroal_acquire_count_total} in {@code /q/metrics}),
 * so that no change adds a round trip to Entra's requests unnoticed (BENCHMARKS.md): the bearer token, verified by an
 * earlier request, is found in the credential cache, so a filter lookup autocommits one statement (the page of users
 * with their groups) and a write runs one transaction. Bad credentials on these paths are covered by AuthMatrixTest.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class ConnectionsPerRequestTest {

    private static final int REQUESTS = 10;

    @Test
    void aFilterLookupTakesOneStatementForTheUsersWithTheirGroups() {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        String userName = "one-tx-" + UUID.randomUUID() + "@example.com";
        String user = scim.createUser(userName);
        String group = scim.createGroup("one-tx-" + UUID.randomUUID());
        scim.patch("/scim/v2/Groups/" + group, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + user + "\"}]}]").then().statusCode(204);
        assertEquals(REQUESTS, fewestAcquisitions(() -> scim.request()
                .queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("Resources[0].groups[0].value", equalTo(group))));
    }

    @Test
    void aCreateRunsOneTransaction() {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        assertEquals(REQUESTS, fewestAcquisitions(() -> scim.createUser("one-tx-" + UUID.randomUUID() + "@example.com")));
    }

    @Test
    void aGroupPatchRunsOneTransaction() {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        String group = scim.createGroup("one-tx-" + UUID.randomUUID());
        String user = scim.createUser("one-tx-" + UUID.randomUUID() + "@example.com");
        assertEquals(REQUESTS, fewestAcquisitions(() -> scim.patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}]")
                .then().statusCode(204)));
    }

    /** The admin console's lists: the session cookie's check is cached too; one statement for the page and its total. */
    @Test
    void aConsoleListPageReadsThePageInOneStatement() {
        TestClient.Org org = TestClient.orgOf(getClass());
        new Scim(org).createUser("console-" + UUID.randomUUID() + "@example.com");
        io.scimserver.console.ConsoleSession console = io.scimserver.console.ConsoleSession.admin(org,
                "Round-Trips-Pass-42");
        assertEquals(REQUESTS, fewestAcquisitions(() -> console.request().get("/console/users").then()
                .statusCode(200)));
        assertEquals(REQUESTS, fewestAcquisitions(() -> console.request().get("/console/roles").then()
                .statusCode(200)));
    }

    /**
     * Connections acquired by {@value #REQUESTS} runs of the request; the fewest of five tries, so that a background
     * job (audit retention) taking a connection meanwhile, or the credential's cached check growing older than
     * {@code scim.auth-cache.max-age} (2 s in tests) on a slow machine, cannot fail the test.
     */
    private static long fewestAcquisitions(Runnable request) {
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            double before = acquisitions();
            for (int i = 0; i < REQUESTS; i++) {
                request.run();
            }
            fewest = Math.min(fewest, Math.round(acquisitions() - before));
        }
        return fewest;
    }

    private static double acquisitions() {
        String metrics = TestClient.management().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("agroal_acquire_count_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
