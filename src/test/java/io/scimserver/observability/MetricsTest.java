package io.scimserver.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /q/metrics after a scripted Entra-like session: requests by path template, histograms, memberships, logins. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class MetricsTest {

    private static final Pattern UUID_PATTERN = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static String metrics() {
        return TestClient.management().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the series of {@code name} whose labels include all of {@code labels}; 0 when absent. */
    static double value(String metrics, String name, String... labels) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aProvisioningSessionShowsUpByPathTemplateWithoutIds() {
        TestClient.Org org = TestClient.orgOf(getClass());
        Scim scim = new Scim(org);
        String before = metrics();

        scim.request().queryParam("filter", "userName eq \"" + UUID.randomUUID() + "\"").get("/scim/v2/Users")
                .then().statusCode(200);
        String a = scim.createUser("m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        String b = scim.createUser("m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        scim.request().get("/scim/v2/Users/" + a).then().statusCode(200);
        scim.request().get("/scim/v2/Users/" + UUID.randomUUID()).then().statusCode(404);
        String group = scim.createGroup("metrics-" + UUID.randomUUID().toString().substring(0, 8));
        scim.patch("/scim/v2/Groups/" + group, """
                [{"op":"Add","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]""".formatted(a, b))
                .then().statusCode(204);
        scim.patch("/scim/v2/Groups/" + group, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + a + "\\\"]\"}]")
                .then().statusCode(204);
        String stranger = "nobody-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 6; i++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("organization", org.name(), "userName", stranger, "password", "wrong-" + i))
                    .post("/api/v1/login").then().statusCode(i < 5 ? 401 : 429);
        }

        String after = metrics();
        assertTrue(value(after, "http_server_requests_seconds_count", "uri=\"/scim/v2/Users/{id}\"", "method=\"GET\"",
                "status=\"200\"") >= 1, "GET /Users/{id} by template");
        assertTrue(value(after, "http_server_requests_seconds_count", "uri=\"/scim/v2/Users/{id}\"", "status=\"404\"")
                >= 1, "404 on an unknown id");
        assertTrue(value(after, "http_server_requests_seconds_count", "uri=\"/scim/v2/Groups/{id}\"",
                "method=\"PATCH\"", "status=\"204\"") >= 2);
        assertTrue(value(after, "http_server_requests_seconds_bucket", "uri=\"/scim/v2/Users\"", "method=\"POST\"",
                "le=\"0.25\"") >= 2, "latency histogram buckets");
        List<String> withIds = after.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> UUID_PATTERN.matcher(l).find()).toList();
        assertEquals(List.of(), withIds, "no label carries an id");
        assertFalse(after.contains(org.id()), "no label carries the organisation");

        assertEquals(2, delta(before, after, "scim_membership_changes_total", "operation=\"added\""));
        assertEquals(1, delta(before, after, "scim_membership_changes_total", "operation=\"removed\""));
        assertEquals(5, delta(before, after, "scim_logins_total", "method=\"password\"", "outcome=\"failure\""));
        assertEquals(1, delta(before, after, "scim_logins_total", "method=\"password\"", "outcome=\"throttled\""));
        assertEquals(1, delta(before, after, "scim_rate_limit_refusals_total", "area=\"login\""));
        assertTrue(after.contains("agroal_active_count"), "connection pool metrics");
        assertTrue(after.contains("agroal_max_used_count") || after.contains("agroal_available_count"));
    }

    @Test
    void requestsRefusedBeforeTheirEndpointAreCountedByTemplateToo() {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        String before = metrics();
        String id = "refused-" + UUID.randomUUID();
        given().get("/scim/v2/Users/" + id).then().statusCode(401);
        given().header("Authorization", "Bearer scim_not-a-token").get("/scim/v2/Groups/" + id).then().statusCode(401);
        scim.request().body("x".repeat(3 * 1024 * 1024)).post("/scim/v2/Users").then().statusCode(413);
        scim.request().queryParam("filter", "userName eq \"" + id + "\"").get("/scim/v2/Users").then().statusCode(200);
        String after = metrics();

        assertEquals(1, delta(before, after, "http_server_requests_seconds_count", "uri=\"/scim/v2/Users/{id}\"",
                "status=\"401\""), "401 without a token, before matching");
        assertEquals(1, delta(before, after, "http_server_requests_seconds_count", "uri=\"/scim/v2/Groups/{id}\"",
                "status=\"401\""), "401 for a token that is none");
        assertEquals(1, delta(before, after, "http_server_requests_seconds_count", "uri=\"/scim/v2/Users\"",
                "method=\"POST\"", "status=\"413\""), "413 from the body limit, before the endpoint");
        assertEquals(1, delta(before, after, "http_server_requests_seconds_count", "uri=\"/scim/v2/Users\"",
                "method=\"GET\"", "status=\"200\""));
        assertFalse(after.contains(id), "no label carries the path as sent");
    }

    @Test
    void aRolledBackMembershipChangeIsNotCounted() {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        String a = scim.createUser("rb-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        String group = scim.createGroup("rollback-" + UUID.randomUUID().toString().substring(0, 8));
        String before = metrics();
        scim.patch("/scim/v2/Groups/" + group, """
                [{"op":"Add","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]""".formatted(a, UUID.randomUUID()))
                .then().statusCode(400);
        assertEquals(0, delta(before, metrics(), "scim_membership_changes_total", "operation=\"added\""));
    }

    private static double delta(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }
}
