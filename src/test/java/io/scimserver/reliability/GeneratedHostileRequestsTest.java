package io.scimserver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.RawHttp;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Sends {@value #REQUESTS} generated malformed requests, spread over every endpoint and method of the application
 * port, with the nasty cases in them: numbers that overflow ({@code 1e9999999999}, {@code -1e...}, {@code 1e-...}),
 * NUL and other control characters (escaped and raw), lone surrogates (escaped, and as the UTF-8 bytes of one),
 * invalid UTF-8 and percent-encodings, U+0130, fullwidth and zero-width letters, bidi overrides, 20,000-character
 * tokens, duplicate JSON keys and trailing content; in filters and PATCH value-path filters, {@code attributes},
 * {@code excludedAttributes}, {@code sortBy}, other query parameters, URL path ids and JSON bodies. Every answer is
 * below 500 and every refusal an error body of its area without a class name; after all of them the organisation's
 * rows are unchanged (every write carries at least one thing the service refuses). The seed is fixed (override with
 * {@code -Dhostile.seed=N}) so a failure can be replayed.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class GeneratedHostileRequestsTest {

    static final int REQUESTS = 600;
    /** Request targets stay under quarkus.http.limits.max-initial-line-length (64 KiB). */
    static final int MAX_TARGET = 60_000;
    static final long SEED = Long.getLong("hostile.seed", 14L);

    /** An endpoint: method, path with {id} (and {id2}) for ids, whether it takes a body. */
    record Endpoint(String method, String path, boolean body) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/scim/v2/Users", false), new Endpoint("POST", "/scim/v2/Users", true),
            new Endpoint("GET", "/scim/v2/Users/{user}", false), new Endpoint("PUT", "/scim/v2/Users/{user}", true),
            new Endpoint("PATCH", "/scim/v2/Users/{user}", true), new Endpoint("DELETE", "/scim/v2/Users/{id}", false),
            new Endpoint("POST", "/scim/v2/Users/.search", true),
            new Endpoint("GET", "/scim/v2/Groups", false), new Endpoint("POST", "/scim/v2/Groups", true),
            new Endpoint("GET", "/scim/v2/Groups/{group}", false), new Endpoint("PUT", "/scim/v2/Groups/{group}", true),
            new Endpoint("PATCH", "/scim/v2/Groups/{group}", true), new Endpoint("DELETE", "/scim/v2/Groups/{id}", false),
            new Endpoint("POST", "/scim/v2/Groups/.search", true),
            new Endpoint("GET", "/scim/v2/ServiceProviderConfig", false), new Endpoint("GET", "/scim/v2/Schemas", false),
            new Endpoint("GET", "/scim/v2/Schemas/{id}", false), new Endpoint("GET", "/scim/v2/ResourceTypes", false),
            new Endpoint("GET", "/scim/v2/ResourceTypes/{id}", false),
            new Endpoint("GET", "/api/v1/me", false), new Endpoint("GET", "/api/v1/tokens", false),
            new Endpoint("POST", "/api/v1/tokens", true), new Endpoint("DELETE", "/api/v1/tokens/{id}", false),
            new Endpoint("GET", "/api/v1/users", false), new Endpoint("PUT", "/api/v1/users/{user}/password", true),
            new Endpoint("DELETE", "/api/v1/users/{id}", false), new Endpoint("GET", "/api/v1/roles", false),
            new Endpoint("POST", "/api/v1/roles", true), new Endpoint("DELETE", "/api/v1/roles/{id}", false),
            new Endpoint("PUT", "/api/v1/roles/{id}/members/{id}", false),
            new Endpoint("DELETE", "/api/v1/roles/{id}/members/{id}", false),
            new Endpoint("GET", "/api/v1/audit", false), new Endpoint("GET", "/api/v1/sso", false),
            new Endpoint("PUT", "/api/v1/sso", true), new Endpoint("POST", "/api/v1/login", true),
            new Endpoint("POST", "/api/v1/login/sso", true), new Endpoint("POST", "/api/v1/orgs", true));

    /** Text the service refuses wherever it appears (in a JSON string, written with JSON escapes). */
    static final List<String> REFUSED_ESCAPED = List.of("\\u0000", "a\\u0000b", "\\ud800", "x\\udc00y", "\\udbff\\u0041");
    /** Numbers out of range. */
    static final List<String> BAD_NUMBERS = List.of("1e9999999999", "-1e9999999999", "1e-9999999999", "1e400",
            "-1e400", "1e-400", "9".repeat(1500), "1e2147483648", "-0.0e-2147483649");
    /** Accepted, but odd: they must never cause a 500 either. */
    static final List<String> ODD = List.of("\u0130", "\uff21\uff24\uff2d\uff29\uff2e", "a\u200bb", "\u202eevil",
            "\t\n\r", "\ud83d\ude00", "'; drop table users--", "%00", "\\\\", "\\\"", "\u0085", "\u00df", "\u03c2");
    static final List<String> ATTRS = List.of("userName", "displayName", "emails.value", "meta.lastModified",
            "name.familyName", "members.value", "active", "externalId", "id", "title",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "emails[type eq \"work\"].value",
            "user\u0000Name", "userName\u0130", "\uff55serName", "a".repeat(20_000));
    static final List<String> OPS = List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "like");
    static final List<String> QUERY_NAMES = List.of("filter", "attributes", "excludedAttributes", "sortBy",
            "sortOrder", "startIndex", "count", "limit", "offset", "since", "cursor", "outcome", "resourceId");

    private Random random;

    @Test
    void noGeneratedRequestEndsInAServerErrorOrWritesAnything() throws Exception {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        String user = scim.createUser("fixture@generated.example");
        String group = scim.createGroup("Generated fixture");
        scim.patch("/scim/v2/Groups/" + group, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user
                + "\"}]}]").then().statusCode(204);
        String before = HostileInputTest.snapshot(TestClient.orgOf(getClass()).id());
        random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> perEndpoint = new TreeMap<>();
        Map<Integer, Integer> perStatus = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint e = ENDPOINTS.get(i % ENDPOINTS.size());
            boolean write = !e.method().equals("GET");
            byte[] target = target(e, user, group, write && !e.body());
            byte[] body = e.body() ? body(e) : null;
            String type = e.path().startsWith("/scim") && random.nextBoolean() ? Scim.SCIM_JSON : "application/json";
            RawHttp.Answer a = RawHttp.send(e.method(), target, Map.of("Authorization",
                    "Bearer " + TestClient.orgOf(getClass()).adminToken(), "Content-Type", type,
                    "Accept", "application/scim+json, application/json"), body);
            perEndpoint.merge(e.method() + " " + e.path(), 1, Integer::sum);
            perStatus.merge(a.status(), 1, Integer::sum);
            String problem = problem(e, a);
            if (problem != null) {
                failures.add("#" + i + " " + e.method() + " " + abbreviate(new String(target, StandardCharsets.ISO_8859_1))
                        + (body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8))) + ": "
                        + problem);
            }
        }
        System.out.println("generated hostile requests: " + REQUESTS + " over " + perEndpoint.size()
                + " endpoints, statuses " + perStatus);
        assertEquals(ENDPOINTS.size(), perEndpoint.size(), "every endpoint and method was tried");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers:\n" + String.join("\n", failures));
        assertEquals(before, HostileInputTest.snapshot(TestClient.orgOf(getClass()).id()), "a request wrote something");
    }

    /** What is wrong with the answer, or null. */
    static String problem(Endpoint e, RawHttp.Answer a) {
        if (a.status() >= 500) {
            return "status " + a.status() + " " + abbreviate(a.body());
        }
        if (a.body().contains("Exception") || a.body().contains("\tat ") || a.body().contains("io.scimserver.")
                || a.body().contains("org.hibernate") || a.body().contains("java.")) {
            return "a class or stack trace in the body: " + abbreviate(a.body());
        }
        if (a.status() < 400) {
            return null;
        }
        String type = String.valueOf(a.headers().get("content-type"));
        boolean scim = e.path().startsWith("/scim");
        if (scim && (!type.startsWith("application/scim+json")
                || !a.body().contains("urn:ietf:params:scim:api:messages:2.0:Error")
                || !a.body().contains("\"status\":\"" + a.status() + "\""))) {
            return "not a SCIM error: " + a.status() + " " + type + " " + abbreviate(a.body());
        }
        if (!scim && (!type.startsWith("application/json") || !a.body().contains("\"status\":" + a.status())
                || !a.body().contains("\"message\":"))) {
            return "not an API error: " + a.status() + " " + type + " " + abbreviate(a.body());
        }
        return null;
    }

    /**
     * The request target: the path with its ids (the fixture's, or nasty ones) and generated query parameters.
     * {@code mustRefuse}: a write without a refused body, so the target itself must hold something refused.
     */
    byte[] target(Endpoint e, String user, String group, boolean mustRefuse) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String path = e.path();
        boolean refusedId = mustRefuse || path.contains("{id}") || random.nextBoolean();
        path = path.replace("{user}", refusedId ? "{id}" : user).replace("{group}", refusedId ? "{id}" : group);
        int at;
        while ((at = path.indexOf("{id}")) >= 0) {
            write(out, path.substring(0, at));
            out.writeBytes(encode(nastyId()));
            path = path.substring(at + 4);
        }
        write(out, path);
        int pathLength = out.size();
        int params = random.nextInt(4);
        for (int p = 0; p < params; p++) {
            write(out, p == 0 ? "?" : "&");
            String name = pick(QUERY_NAMES);
            write(out, name + "=");
            out.writeBytes(encode(switch (name) {
                case "filter" -> filter(0);
                case "attributes", "excludedAttributes", "sortBy" -> attributeList();
                default -> nastyText();
            }));
        }
        if (out.size() > MAX_TARGET) { // the HTTP layer answers a longer request line with a bare 414
            byte[] shorter = java.util.Arrays.copyOf(out.toByteArray(), pathLength);
            out.reset();
            out.writeBytes(shorter);
            write(out, "?filter=");
            out.writeBytes(encode(pick(ATTRS.subList(0, 5)) + " eq " + pick(BAD_NUMBERS)));
        }
        return out.toByteArray();
    }

    String nastyId() {
        return switch (random.nextInt(8)) {
            case 0 -> "\u0000";
            case 1 -> "00000000-0000-0000-0000-00000000000\u0000";
            case 2 -> "\ud800";
            case 3 -> "\u0130d";
            case 4 -> "1e9999999999";
            case 5 -> "x".repeat(5_000);
            case 6 -> "%25zz";
            default -> "..%2F..%2Fetc";
        };
    }

    /** A filter with one nasty part: a number, a string with a refused or odd character, a bad attribute. */
    String filter(int depth) {
        String attr = pick(ATTRS);
        String op = pick(OPS);
        String value = switch (random.nextInt(5)) {
            case 0 -> pick(BAD_NUMBERS);
            case 1 -> "\"" + pick(REFUSED_ESCAPED) + "\"";
            case 2 -> "\"" + pick(ODD) + "\"";
            case 3 -> "\"a\u0000b\"";
            default -> "\"" + "s".repeat(random.nextInt(3) * 8_000) + "\"";
        };
        String leaf = op.equals("pr") ? attr + " pr" : attr + " " + op + " " + value;
        return switch (depth < 2 ? random.nextInt(6) : 5) {
            case 0 -> "emails[value " + op + " " + value + "]";
            case 1 -> "not (" + filter(depth + 1) + ")";
            case 2 -> filter(depth + 1) + " and " + leaf;
            case 3 -> "members[value eq " + value + "]";
            case 4 -> leaf + " " + pick(ODD);
            default -> leaf;
        };
    }

    String attributeList() {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(random.nextBoolean() ? pick(ATTRS) : nastyText());
        }
        return b.toString();
    }

    String nastyText() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(BAD_NUMBERS);
            case 1 -> pick(ODD);
            case 2 -> "a\u0000b";
            case 3 -> "\ud800x";
            case 4 -> "\u0001\u001f\u007f";
            default -> "q".repeat(12_000);
        };
    }

    /** A JSON body with at least one thing the service refuses, and maybe odd things it accepts. */
    byte[] body(Endpoint e) {
        String refused = switch (random.nextInt(9)) {
            case 0 -> "\"" + pick(REFUSED_ESCAPED) + "\"";
            case 1 -> pick(BAD_NUMBERS.subList(0, 5));
            case 2 -> "\"" + "L".repeat(20_000) + "\"";
            case 3 -> "{\"a\\u0001b\":1}";
            case 4 -> "[" + "[".repeat(1_200) + "]".repeat(1_200) + "]";
            case 5 -> "1, \"value\": 2, \"value\": 3";
            case 6 -> "\"x\"} {";
            case 7 -> "\"\\ud83d\"";
            default -> "{\"value\":\"" + pick(REFUSED_ESCAPED) + "\"}";
        };
        String odd = "\"" + pick(ODD) + "\"";
        String field = pick(List.of("userName", "displayName", "password", "name", "label", "issuer", "filter",
                "Operations", "members", "emails", "value", "organization", "schemas"));
        String json = switch (random.nextInt(5)) {
            case 0 -> "{\"userName\":" + odd + ",\"" + field + "\":" + refused + ",\"dup\":1,\"dup\":2}";
            case 1 -> "{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\""
                    + pathFilter() + "\",\"value\":" + refused + "}]}";
            case 2 -> "{\"displayName\":" + odd + ",\"" + field + "\":" + refused + "}";
            case 3 -> "{\"" + field + "\":" + refused;
            default -> "{\"filter\":\"" + jsonEscape(filter(0)) + "\",\"" + field + "\":" + refused + "}";
        };
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(10) == 0) {
            bytes[bytes.length / 2] = (byte) 0xC3; // invalid UTF-8 in the middle
        }
        return bytes;
    }

    String pathFilter() {
        return jsonEscape(switch (random.nextInt(4)) {
            case 0 -> "members[value eq " + pick(BAD_NUMBERS) + "]";
            case 1 -> "emails[value eq \"" + pick(REFUSED_ESCAPED) + "\"].value";
            case 2 -> "emails[type eq \"" + pick(ODD) + "\"]";
            default -> pick(ATTRS);
        });
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Percent-encodes every byte but letters and digits; a lone surrogate becomes the three bytes UTF-8 would give it
     * (ED A0 80), which are not valid UTF-8; {@code %2F} and {@code %25} written in {@code s} are kept. (A malformed
     * escape in the path is refused by the HTTP server before the application: {@code RawRequestLineTest}.)
     */
    static byte[] encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (s.startsWith("%25", i) || s.startsWith("%2F", i)) {
                write(out, s.substring(i, i + 3));
                i += 2;
                continue;
            }
            byte[] bytes;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes = new byte[] { (byte) (0xE0 | (c >> 12)), (byte) (0x80 | ((c >> 6) & 0x3F)),
                        (byte) (0x80 | (c & 0x3F)) };
            } else {
                bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.') {
                    out.write(b);
                } else {
                    write(out, String.format("%%%02X", b & 0xFF));
                }
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
