package io.scimserver.reliability;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad requests, each answered with its 4xx SCIM error (status, scimType, an error body without a stack
 * trace) and none changing the data: after the whole corpus the organisation has the same rows, and the fixture
 * user and group are at the same version with the same attributes.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    static final String USERS = "/scim/v2/Users";
    static final String GROUPS = "/scim/v2/Groups";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** One bad request: {@code body} is sent as raw bytes; {@code scimType} null when the status says it all. */
    record Case(String name, String method, String path, byte[] body, int status, String scimType) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Scim scim;
    private String userId;
    private String groupId;
    private String snapshot;

    /** Made on first use: RestAssured knows the port only once a test runs. */
    private void fixture() {
        if (scim != null) {
            return;
        }
        scim = new Scim(TestClient.orgOf(getClass()));
        userId = scim.createUser("fixture@hostile.example");
        groupId = scim.createGroup("Fixture");
        scim.patch(GROUPS + "/" + groupId, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId
                + "\"}]}]").then().statusCode(204);
        snapshot = snapshot();
    }

    @AfterAll
    void nothingChanged() {
        if (snapshot == null) {
            return;
        }
        assertEquals(snapshot, snapshot(), "the corpus changed the data");
    }

    /** Every row of the organisation that a request could have touched, as text. */
    private String snapshot() {
        return snapshot(TestClient.orgOf(getClass()).id());
    }

    /** Users, groups, memberships, tokens and SSO settings of the organisation {@code org}, as text. */
    static String snapshot(String org) {
        return TestClient.sqlValue("""
                select concat_ws('|',
                  (select string_agg(id || ':' || version || ':' || md5(user_name) || ':' || active || ':' || md5(attributes::text), ',' order by id)
                     from users where org_id = ?::uuid),
                  (select string_agg(id || ':' || version || ':' || name || ':' || md5(attributes::text), ',' order by id)
                     from roles where org_id = ?::uuid),
                  (select string_agg(role_id || ':' || user_id, ',' order by role_id, user_id)
                     from memberships where org_id = ?::uuid),
                  (select count(*) || ':' || count(revoked_at) from access_tokens where org_id = ?::uuid),
                  (select count(*) from sso_providers where org_id = ?::uuid))""", org, org, org, org, org).toString();
    }

    /** Ids of the fixture are written {user} and {group}: the fixture exists only once the tests run. */
    Stream<Case> corpus() {
        String userId = "{user}";
        String groupId = "{group}";
        String user = USERS + "/" + userId;
        String group = GROUPS + "/" + groupId;
        List<Case> c = new ArrayList<>();
        // malformed JSON and wrong shapes
        c.add(post("truncated JSON", USERS, "{\"userName\":", 400, "invalidSyntax"));
        c.add(post("not JSON at all", USERS, "userName=x", 400, "invalidSyntax"));
        c.add(post("JSON array instead of object", USERS, "[{\"userName\":\"a@x.com\"}]", 400, null));
        c.add(post("trailing garbage", USERS, "{\"userName\":\"a@x.com\"} {", 400, "invalidSyntax"));
        c.add(post("empty body", USERS, "", 400, null));
        c.add(post("userName is an object", USERS, "{\"userName\":{\"a\":1}}", 400, null));
        c.add(post("userName missing", USERS, "{\"displayName\":\"x\"}", 400, null));
        c.add(post("active is not a boolean", USERS, "{\"userName\":\"b@x.com\",\"active\":\"maybe\"}", 400, null));
        c.add(post("emails is a number", USERS, "{\"userName\":\"c@x.com\",\"emails\":5}", 400, null));
        c.add(post("deeply nested JSON", USERS, "{\"userName\":\"d@x.com\",\"x\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}", 400, null));
        c.add(post("deeply nested objects", USERS, "{\"userName\":\"e@x.com\",\"name\":" + "{\"a\":".repeat(5_000)
                + "1" + "}".repeat(5_000) + "}", 400, null));
        c.add(post("huge userName", USERS, "{\"userName\":\"" + "u".repeat(1_000_000) + "@x.com\"}", 400, null));
        c.add(post("huge attribute value", USERS, "{\"userName\":\"f@x.com\",\"title\":\"" + "t".repeat(1_500_000)
                + "\"}", 400, null));
        c.add(post("NUL character in userName", USERS, "{\"userName\":\"g\\u0000@x.com\"}", 400, null));
        c.add(new Case("invalid UTF-8", "POST", USERS, bytes("{\"userName\":\"h", new byte[] { (byte) 0xC3, 0x28 },
                "@x.com\"}"), 400, null));
        c.add(new Case("lone surrogate", "POST", USERS, "{\"userName\":\"i\\ud800@x.com\"}".getBytes(StandardCharsets.UTF_8),
                400, null));
        c.add(post("body over the size limit", USERS, "{\"userName\":\"j@x.com\",\"title\":\"" + "t".repeat(3_000_000)
                + "\"}", 413, null));
        c.add(post("duplicate userName in another case", USERS, "{\"userName\":\"FIXTURE@hostile.example\"}", 409,
                "uniqueness"));
        c.add(post("group with an unknown member", GROUPS, "{\"displayName\":\"G2\",\"members\":[{\"value\":\"nope\"}]}",
                400, "invalidValue"));
        c.add(post("group without displayName", GROUPS, "{\"members\":[]}", 400, null));
        // filters
        c.add(get("filter without a value", USERS + "?filter=userName%20eq", 400, "invalidFilter"));
        c.add(get("filter with unbalanced parenthesis", USERS + "?filter=(userName%20eq%20%22a%22", 400, "invalidFilter"));
        c.add(get("filter with an unknown operator", USERS + "?filter=userName%20like%20%22a%22", 400, "invalidFilter"));
        c.add(get("filter too deep", USERS + "?filter=" + enc("(".repeat(40) + "userName eq \"a\"" + ")".repeat(40)),
                400, "invalidFilter"));
        c.add(get("filter too long", USERS + "?filter=" + enc("userName eq \"" + "a".repeat(5000) + "\""), 400,
                "invalidFilter"));
        c.add(get("filter on an unknown attribute", USERS + "?filter=" + enc("user_name eq \"a\""), 400, "invalidFilter"));
        c.add(get("filter on a never-returned attribute", USERS + "?filter=" + enc("password eq \"a\""), 400,
                "invalidFilter"));
        c.add(get("SQL in an attribute name", USERS + "?filter=" + enc("userName;drop table users eq \"a\""), 400,
                "invalidFilter"));
        c.add(get("SQL in an attribute name (quoted)", USERS + "?filter=" + enc("\"userName\" eq \"a\""), 400,
                "invalidFilter"));
        c.add(get("SQL in a schema URN", USERS + "?filter=" + enc("urn:x') or 1=1--:userName eq \"a\""), 400,
                "invalidFilter"));
        c.add(get("SQL in sortBy", USERS + "?sortBy=" + enc("userName; drop table users"), 400, null));
        c.add(get("SQL in sortBy (column)", USERS + "?sortBy=" + enc("user_name desc, (select 1)"), 400, null));
        c.add(get("sortOrder not ascending/descending", USERS + "?sortOrder=" + enc("asc; drop table users"), 400, null));
        c.add(get("SQL in attributes", USERS + "?attributes=" + enc("userName,(select password_hash from users)"), 400,
                null));
        c.add(get("SQL in excludedAttributes", user + "?excludedAttributes=" + enc("name'--"), 400, null));
        c.add(get("too many attributes", USERS + "?attributes=" + IntStream.range(0, 150).mapToObj(i -> "title")
                .collect(Collectors.joining(",")), 400, "invalidValue"));
        c.add(get("count not a number", USERS + "?count=ten", 400, null));
        c.add(get("startIndex not a number", USERS + "?startIndex=1e3", 400, null));
        c.add(post("search with a filter that is an object", USERS + "/.search", "{\"filter\":{\"a\":1}}", 400, null));
        c.add(post("search with a deep filter", USERS + "/.search", "{\"filter\":\"" + "not (".repeat(20)
                + "userName pr" + ")".repeat(20) + "\"}", 400, "invalidFilter"));
        // issue 14: numbers the lexer cannot hold, NUL and lone surrogates, escaped or raw, on /Users and /Groups
        for (String base : List.of(USERS, GROUPS)) {
            for (String f : List.of("userName eq 1e9999999999", "userName eq -1e9999999999", "userName eq 1e-9999999999",
                    "meta.lastModified gt 1e9999999999", "emails[value eq 1e9999999999]", "displayName eq 0e999999",
                    "userName eq \"a\\u0000b\"", "userName eq \"\\ud800\"", "members[value eq \"x\\udc00\"]")) {
                c.add(get("filter " + f + " on " + base, base + "?filter=" + enc(f), 400, "invalidFilter"));
            }
            c.add(get("raw NUL in a filter on " + base, base + "?filter=userName%20eq%20%22a%00b%22", 400,
                    "invalidFilter"));
            c.add(get("lone surrogate as UTF-8 bytes in a filter on " + base, base
                    + "?filter=userName%20eq%20%22%ED%A0%80%22", 400, "invalidFilter"));
            c.add(get("NUL in sortBy on " + base, base + "?sortBy=user%00Name", 400, "invalidValue"));
            c.add(get("NUL in attributes on " + base, base + "?attributes=user%00Name", 400, "invalidValue"));
            c.add(get("control character in excludedAttributes on " + base, base + "?excludedAttributes=%01", 400,
                    "invalidValue"));
            c.add(get("NUL in the id on " + base, base + "/%00", 400, "invalidValue"));
            c.add(post("overflowing number in a search on " + base, base + "/.search",
                    "{\"filter\":\"displayName eq 1e9999999999\"}", 400, "invalidFilter"));
        }
        c.add(patch("PATCH value-path filter with an overflowing number", group, ops("{\"op\":\"remove\","
                + "\"path\":\"members[value eq 1e9999999999]\"}"), 400, "invalidPath"));
        c.add(patch("PATCH value-path filter with a NUL", group, ops("{\"op\":\"remove\","
                + "\"path\":\"members[value eq \\\"a\\\\u0000\\\"]\"}"), 400, "invalidPath"));
        c.add(patch("PATCH value-path filter with a NUL (user)", user, ops("{\"op\":\"replace\","
                + "\"path\":\"emails[value eq \\\"a\\\\u0000\\\"].type\",\"value\":\"x\"}"), 400, "invalidPath"));
        c.add(post("overflowing number in a body", USERS, "{\"userName\":\"n@x.com\",\"x\":1e9999999999}", 400,
                "invalidValue"));
        c.add(post("duplicate JSON keys", USERS, "{\"userName\":\"d1@x.com\",\"userName\":\"d2@x.com\"}", 400,
                "invalidSyntax"));
        c.add(post("control character in a member name", USERS, "{\"userName\":\"c1@x.com\",\"a\\u0001\":1}", 400,
                "invalidValue"));
        // ids
        c.add(get("id that is not a UUID", USERS + "/1%20or%201=1", 404, null));
        c.add(get("id with SQL", USERS + "/" + enc("' or ''='"), 404, null));
        c.add(new Case("DELETE of an unknown id", "DELETE", USERS + "/00000000-0000-0000-0000-000000000000", null, 404,
                null));
        // PATCH
        c.add(patch("PATCH without Operations", user, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}",
                400, "invalidSyntax"));
        c.add(patch("PATCH with an unknown op", user, ops("{\"op\":\"move\",\"path\":\"title\",\"value\":\"x\"}"), 400,
                "invalidSyntax"));
        c.add(patch("PATCH path not a path", user, ops("{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}"),
                400, "invalidPath"));
        c.add(patch("PATCH path with SQL", user, ops("{\"op\":\"replace\",\"path\":\"title'; drop table users--\","
                + "\"value\":\"x\"}"), 400, "invalidPath"));
        c.add(patch("PATCH path in an unknown schema", user, ops("{\"op\":\"replace\",\"path\":\"urn:evil:2.0:User:title\","
                + "\"value\":\"x\"}"), 400, null));
        c.add(patch("PATCH of id", user, ops("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}"), 400, "mutability"));
        c.add(patch("PATCH of meta.created", user, ops("{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"x\"}"),
                400, "mutability"));
        c.add(patch("PATCH of groups", user, ops("{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"" + groupId
                + "\"}]}"), 400, "mutability"));
        c.add(patch("PATCH removing userName", user, ops("{\"op\":\"remove\",\"path\":\"userName\"}"), 400, null));
        c.add(patch("PATCH renaming userName", user, ops("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"o@x.com\"}"),
                400, "mutability"));
        c.add(patch("PATCH with too many operations", user, ops(IntStream.range(0, 1001)
                .mapToObj(i -> "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"t" + i + "\"}")
                .collect(Collectors.joining(","))), 400, "invalidValue"));
        c.add(patch("PATCH with a later failing operation", user, ops("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"new\"},"
                + "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}"), 400, "mutability"));
        c.add(patch("PATCH group with an unknown member", group, ops("{\"op\":\"add\",\"path\":\"members\",\"value\":"
                + "[{\"value\":\"00000000-0000-0000-0000-000000000000\"}]}"), 400, "invalidValue"));
        c.add(patch("PATCH group with malformed member id", group, ops("{\"op\":\"add\",\"path\":\"members\",\"value\":"
                + "[{\"value\":\"1; delete from memberships\"}]}"), 400, "invalidValue"));
        c.add(patch("PATCH group renamed to a system role", group, ops("{\"op\":\"replace\",\"path\":\"displayName\","
                + "\"value\":\"ADMIN\"}"), 409, "uniqueness"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithAScimError(Case c) {
        fixture();
        RequestSpecification r = scim.request().urlEncodingEnabled(false);
        if (c.body() != null) {
            r = r.body(fill(new String(c.body(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
        }
        Response response = r.request(c.method(), fill(c.path()));
        var then = response.then().statusCode(c.status())
                .contentType(startsWith("application/scim+json"))
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo(Integer.toString(c.status())))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")))
                .body(not(containsString("org.hibernate")))
                .body(not(containsString("SQL")));
        if (c.scimType() != null) {
            then.body("scimType", equalTo(c.scimType()));
        }
    }

    /** Issue 20.6: a write-only value is never echoed, nor is invalid JSON, and /api/v1 errors name no class. */
    @org.junit.jupiter.api.Test
    void secretsAndInputAreNeverEchoed() {
        fixture();
        String secret = "S3cret-never-echo";
        scim.request().body("{\"userName\":\"pw@x.com\",\"password\":{\"value\":\"" + secret + "\"}}").post(USERS)
                .then().statusCode(400).body("detail", containsString("'password' must be a string, got an object"))
                .body(not(containsString(secret)));
        scim.patch(USERS + "/" + userId, "[{\"op\":\"replace\",\"path\":\"password\",\"value\":[\"" + secret
                + "\"]}]").then().statusCode(400).body(not(containsString(secret)));
        scim.request().body("{\"userName\":\"pw@x.com\",\"password\":\"" + secret + "\" oops}").post(USERS)
                .then().statusCode(400).body("scimType", equalTo("invalidSyntax"))
                .body("detail", containsString("line 1, column")).body(not(containsString(secret)));
        io.restassured.RestAssured.given().auth().oauth2(TestClient.orgOf(getClass()).adminToken())
                .contentType("application/json").body("{\"name\":{\"a\":1}}").post("/api/v1/roles")
                .then().statusCode(400).body("message", containsString("at name"))
                .body(not(containsString("io.scimserver"))).body(not(containsString("java.")));
        io.restassured.RestAssured.given().auth().oauth2(TestClient.orgOf(getClass()).adminToken())
                .contentType("application/json").body("{\"name\":\"" + secret + "\",}").post("/api/v1/roles")
                .then().statusCode(400).body(not(containsString(secret)));
        assertEquals(0L, ((Number) TestClient.sqlValue("select count(*) from audit_events a where a::text like ?",
                "%" + secret + "%")).longValue(), "the audit trail holds the secret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harmless")
    void injectionThroughValuesFindsNothing(String filter) {
        fixture();
        scim.request().queryParam("filter", filter).get(USERS)
                .then().statusCode(200).body("totalResults", equalTo(0));
    }

    Stream<String> harmless() {
        return Stream.of("userName eq \"x' or '1'='1\"", "userName eq \"x\\\" or 1=1 --\"",
                "userName co \"%\"", "userName sw \"_\"", "userName ew \"\\\\\"", "displayName eq \"'); drop table users;--\"",
                "emails[value co \"' or 1=1--\"]", ENTERPRISE + ":employeeNumber eq \"1' union select password_hash from users--\"");
    }

    @ParameterizedTest(name = "count={0}")
    @MethodSource("counts")
    void countIsBounded(String count) {
        fixture();
        scim.request().queryParam("count", count).get(USERS)
                .then().statusCode(200).body("itemsPerPage", lessThanOrEqualTo(1000));
    }

    Stream<String> counts() {
        return Stream.of("100000", "2147483647", "-5", "0");
    }

    private String fill(String s) {
        return s.replace("{user}", userId).replace("{group}", groupId);
    }

    private static Case post(String name, String path, String body, int status, String scimType) {
        return new Case(name, "POST", path, body.getBytes(StandardCharsets.UTF_8), status, scimType);
    }

    private static Case patch(String name, String path, String body, int status, String scimType) {
        return new Case(name, "PATCH", path, body.getBytes(StandardCharsets.UTF_8), status, scimType);
    }

    private static Case get(String name, String path, int status, String scimType) {
        return new Case(name, "GET", path, null, status, scimType);
    }

    private static String ops(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(String a, byte[] b, String c) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] z = c.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[x.length + b.length + z.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(b, 0, out, x.length, b.length);
        System.arraycopy(z, 0, out, x.length + b.length, z.length);
        return out;
    }
}
