package io.scimserver.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;

/**
 * An Entra-shaped SCIM client for one organisation (bodies as in ../shared/ENTRA.md). Every call checks the status it
 * expects and throws otherwise, so an error response is never counted as work done. Only talks to 127.0.0.1.
 */
final class Scim {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCIM_JSON = "application/scim+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "http-client");
                t.setDaemon(true);
                return t;
            })).build();

    private final String base;
    private final String token;

    Scim(int port, String token) {
        this.base = "http://127.0.0.1:" + port + "/scim/v2";
        this.token = token;
    }

    /** POST /api/v1/orgs with the operator token; returns the new organisation's admin token and id. */
    static JsonNode createOrg(int port, String operatorToken, String name) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orgs"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(JSON.createObjectNode()
                        .put("name", name).put("adminUserName", "admin@" + name + ".bench.example"))))
                .build();
        return JSON.readTree(expect(req, 201).body());
    }

    /** {@code GET /q/health/ready} on the management port. */
    static boolean ready(int port) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * {@code GET /q/health/live} on the management port: an HTTP request that touches no database, through the same
     * client, parsed the same way, served by the same Vert.x event loops; the floor under any endpoint of the server
     * on this machine. Returns the status it reports.
     */
    static String live(int port) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json").build();
        return JSON.readTree(expect(req, 200).body()).path("status").asText();
    }

    // ---- Entra's requests ----

    /** {@code GET /Users?filter=userName eq "x"}, form-encoded as Entra sends it; returns totalResults. */
    int findUser(String userName) throws Exception {
        JsonNode list = JSON.readTree(expect(get("/Users?filter=" + form("userName eq \"" + userName + "\"")), 200).body());
        return list.path("totalResults").asInt(-1);
    }

    /** {@code GET /Groups?excludedAttributes=members&filter=displayName eq "x"}; returns totalResults. */
    int findGroup(String displayName) throws Exception {
        JsonNode list = JSON.readTree(expect(get("/Groups?excludedAttributes=members&filter="
                + form("displayName eq \"" + displayName + "\"")), 200).body());
        return list.path("totalResults").asInt(-1);
    }

    /** {@code POST /Users} with Entra's default mapping; returns the id. */
    String createUser(String userName, String externalId, String given, String family) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User")
                .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        body.put("externalId", externalId).put("userName", userName).put("active", true);
        body.putArray("emails").addObject().put("primary", true).put("type", "work").put("value", userName);
        body.putObject("name").put("formatted", given + " " + family).put("familyName", family).put("givenName", given);
        body.putObject("meta").put("resourceType", "User");
        return id(expect(post("/Users", body), 201));
    }

    /** {@code POST /Groups} as Entra creates a group (empty); returns the id. */
    String createGroup(String displayName, String externalId) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group")
                .add("http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group");
        body.put("externalId", externalId).put("displayName", displayName);
        return id(expect(post("/Groups", body), 201));
    }

    /** {@code PATCH /Groups/{id}} {@code {"op":"Add","path":"members","value":[{"$ref":null,"value":id},...]}}. */
    void addMembers(String groupId, Collection<String> userIds) throws Exception {
        ArrayNode value = JSON.createArrayNode();
        userIds.forEach(u -> value.addObject().putNull("$ref").put("value", u));
        expect(patch("/Groups/" + groupId, op("Add", value)), 204);
    }

    /** Entra's remove without the flag: {@code {"op":"Remove","path":"members","value":[{"value":id}]}}. */
    void removeMembers(String groupId, Collection<String> userIds) throws Exception {
        ArrayNode value = JSON.createArrayNode();
        userIds.forEach(u -> value.addObject().put("value", u));
        expect(patch("/Groups/" + groupId, op("Remove", value)), 204);
    }

    /**
     * {@code PATCH /Users/{id}} as Entra sends a change of a person's name: {@code Replace} of {@code displayName} and
     * of {@code name.familyName} (ENTRA.md); the service answers 200 with the user.
     */
    void renameUser(String userId, String displayName, String family) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        ArrayNode ops = body.putArray("Operations");
        ops.addObject().put("op", "Replace").put("path", "displayName").put("value", displayName);
        ops.addObject().put("op", "Replace").put("path", "name.familyName").put("value", family);
        expect(patch("/Users/" + userId, body), 200);
    }

    /** {@code GET /Groups/{id}?excludedAttributes=members}. */
    void readGroupWithoutMembers(String groupId) throws Exception {
        JsonNode g = JSON.readTree(expect(get("/Groups/" + groupId + "?excludedAttributes=members"), 200).body());
        if (g.has("members")) {
            throw new IllegalStateException("excludedAttributes=members returned members");
        }
    }

    // ---- plumbing ----

    private static ObjectNode op(String op, ArrayNode value) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        body.putArray("Operations").addObject().put("op", op).put("path", "members").set("value", value);
        return body;
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest get(String path) {
        return builder(path).GET().build();
    }

    private HttpRequest post(String path, JsonNode body) throws Exception {
        return builder(path).header("Content-Type", SCIM_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private HttpRequest patch(String path, JsonNode body) throws Exception {
        return builder(path).header("Content-Type", SCIM_JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", SCIM_JSON);
    }

    private static String id(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static HttpResponse<String> expect(HttpRequest req, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != status) {
            String body = r.body() == null ? "" : r.body();
            throw new IllegalStateException(req.method() + " " + req.uri().getRawPath() + " answered "
                    + r.statusCode() + " (expected " + status + "): " + body.substring(0, Math.min(300, body.length())));
        }
        return r;
    }
}
