package io.scimserver.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** What tests need to act as a client: an organisation of their own, its admin token, and direct SQL for fixtures. */
public final class TestClient {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789";

    private TestClient() {
    }

    /** A new organisation with a unique name; each test class makes its own, so tests never see each other's data. */
    public record Org(String id, String name, String adminUserId, String adminToken) {
    }

    private static final Map<Class<?>, Org> PER_CLASS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The organisation of a test class, made on first use (RestAssured knows the port only once a test runs). */
    public static Org orgOf(Class<?> testClass) {
        return PER_CLASS.computeIfAbsent(testClass, c -> newOrg(c.getSimpleName().toLowerCase()));
    }

    public static Org newOrg(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response r = given().contentType(ContentType.JSON).auth().oauth2(OPERATOR_TOKEN)
                .body(Map.of("name", name, "adminUserName", "admin@" + name + ".example"))
                .post("/api/v1/orgs");
        r.then().statusCode(201);
        return new Org(r.path("id"), name, r.path("adminUserId"), r.path("adminToken"));
    }

    /**
     * A request to the management interface (health, metrics, OpenAPI), which listens on a port of its own: the one
     * Quarkus started for this test run.
     */
    public static io.restassured.specification.RequestSpecification management() {
        java.net.URI uri = java.net.URI.create(io.quarkus.test.common.http.TestHTTPResourceManager.getManagementUri());
        // a @QuarkusTest listens on the management test port Quarkus names; a launched jar on its own (see below)
        int port = uri.getPort() > 0 && listening(uri.getPort()) ? uri.getPort() : launchedManagementPort();
        // 127.0.0.1, not the URI's "localhost": the launched jar listens on IPv4 only, and localhost may be ::1 first
        return given().baseUri(uri.getScheme() + "://127.0.0.1:" + port).port(-1); // its root path is /q
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The management port of the jar a {@code @QuarkusIntegrationTest} launched, which Quarkus does not tell the test:
     * read from the jar's output (target/quarkus.log), 9000 when it is not there.
     */
    private static int launchedManagementPort() {
        java.util.regex.Pattern listening = java.util.regex.Pattern.compile("Management interface listening on https?://[^ :/\"]+:(\\d+)");
        try {
            java.util.regex.Matcher m = listening.matcher(java.nio.file.Files.readString(java.nio.file.Path.of("target",
                    "quarkus.log")));
            int port = 9000;
            while (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            return port;
        } catch (java.io.IOException e) {
            return 9000;
        }
    }

    /** What a test does with a statement whose parameters are bound. */
    private interface StatementWork<T> {
        T run(PreparedStatement s) throws SQLException;
    }

    /** Runs {@code work} on the statement with {@code params} bound, on a connection of its own. */
    private static <T> T withStatement(String sql, Object[] params, StatementWork<T> work) {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.currentUrl(), TestPostgres.server().user(),
                TestPostgres.server().password());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return work.run(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one SQL statement against the test database, for fixtures the API cannot make (an expired token). */
    public static int sql(String sql, Object... params) {
        return withStatement(sql, params, PreparedStatement::executeUpdate);
    }

    /** The first column of the first row of a query, or null. */
    public static Object sqlValue(String sql, Object... params) {
        return withStatement(sql, params, s -> {
            var rs = s.executeQuery();
            return rs.next() ? rs.getObject(1) : null;
        });
    }

    /** The first column of every row of a query. */
    public static java.util.List<Object> sqlList(String sql, Object... params) {
        return withStatement(sql, params, s -> {
            var rs = s.executeQuery();
            java.util.List<Object> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
            return out;
        });
    }

    /**
     * A new active user of the organisation, member of PUBLIC, made with SQL as SCIM would (for tests that need
     * users before or without SCIM). Returns its id.
     */
    public static String newUser(String orgId, String userName) {
        String id = UUID.randomUUID().toString();
        sql("""
                insert into users (id, org_id, user_name, active, attributes, version, created, last_modified)
                values (?::uuid, ?::uuid, ?, true, jsonb_build_object('userName', ?::text, 'active', true), 1, now(), now())
                """, id, orgId, userName, userName);
        sql("""
                insert into memberships (role_id, user_id, org_id)
                select r.id, ?::uuid, r.org_id from roles r where r.org_id = ?::uuid and r.source = 'SYSTEM' and r.name = 'PUBLIC'
                """, id, orgId);
        return id;
    }

    /**
     * Deactivates or reactivates a user as SCIM does: the column and the stored SCIM attributes together, with SQL
     * from outside the service, so like {@link #credentialSql}.
     */
    public static void setActive(String userId, boolean active) {
        credentialSql("""
                update users set active = ?, attributes = jsonb_set(attributes, '{active}', to_jsonb(?::boolean)),
                       version = version + 1, last_modified = now()
                where id = ?::uuid""", active, active, userId);
    }

    /**
     * Runs SQL that changes what a credential allows from outside the service, as an operator would, and returns once
     * the change has had time to reach every replica's credential cache: its notification arrives within 100 ms
     * (README, "Credential cache"; {@code CredentialReplicasIT} measures it), so this waits twice that.
     */
    public static int credentialSql(String sql, Object... params) {
        int n = sql(sql, params);
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n;
    }

    /** A client address of its own, sent as X-Forwarded-For, so login throttling of one test never hits another. */
    public static String newAddress() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /** POST /api/v1/login from the given client address. */
    public static Response login(String organization, String userName, String password, String address) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("userName", userName);
        body.put("password", password);
        if (organization != null) {
            body.put("organization", organization);
        }
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address).body(body)
                .post("/api/v1/login");
    }

    /** Sets a user's password through the admin API. */
    public static void setPassword(Org org, String userId, String password) {
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(Map.of("password", password))
                .put("/api/v1/users/" + userId + "/password").then().statusCode(204);
    }
}
