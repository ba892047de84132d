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

    /** Runs one SQL statement against the test database, for fixtures the API cannot make (an expired token). */
    public static int sql(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.currentUrl(), PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of a query, or null. */
    public static Object sqlValue(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.currentUrl(), PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            var rs = s.executeQuery();
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of a query. */
    public static java.util.List<Object> sqlList(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.currentUrl(), PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            var rs = s.executeQuery();
            java.util.List<Object> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
