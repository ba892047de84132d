package io.scimserver.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One fresh database per test run on the {@link TestPostgres} server (127.0.0.1:5432, else an embedded one), dropped
 * when the run ends. Never assumes an empty server.
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    private static volatile String current;
    private static volatile TcpProxy proxy;
    private String database;
    private boolean proxied;

    /**
     * Test profiles that implement this get the database through a {@link TcpProxy} that the test can cut
     * ({@link #proxy()}), for database-outage tests; direct SQL ({@link TestClient#sql}) still goes straight to it.
     */
    public interface Proxied {
    }

    /** The proxy in front of the database of a {@link Proxied} profile. */
    public static TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("this test profile does not use a proxied database");
        }
        return proxy;
    }

    @Override
    public void setContext(Context context) {
        String profile = context.testProfile();
        try {
            proxied = profile != null && Proxied.class.isAssignableFrom(
                    Class.forName(profile, false, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            proxied = false;
        }
    }

    /** The JDBC URL of this run's database. */
    public static String currentUrl() {
        if (current == null) {
            throw new IllegalStateException("the test database has not been started");
        }
        return url(current);
    }

    @Override
    public Map<String, String> start() {
        database = "scim_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("create database " + database);
        current = database;
        String jdbcUrl = url(database);
        if (proxied) {
            proxy = new TcpProxy(TestPostgres.server().host(), TestPostgres.server().port());
            jdbcUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database;
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", TestPostgres.server().user(),
                "quarkus.datasource.password", TestPostgres.server().password(),
                "scim.operator-token", TestClient.OPERATOR_TOKEN,
                // login throttling counts per client address: tests give each scenario its own X-Forwarded-For
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                // SsoTest's identity provider is a plain-HTTP server in the test, whose key rotation it waits out
                "scim.sso.allow-http-issuers", "true",
                "scim.sso.key-refetch-interval", "PT1S",
                // a cached credential is checked in the database again after 2 s (CredentialsTest waits for that)
                "scim.auth-cache.max-age", "PT2S");
    }

    @Override
    public void stop() {
        if (proxied && proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (database != null) {
            execute("drop database if exists " + database + " with (force)");
        }
    }

    public static String url(String db) {
        return TestPostgres.server().url(db);
    }

    private static void execute(String sql) {
        TestPostgres server = TestPostgres.server();
        try (Connection c = DriverManager.getConnection(url("postgres"), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + server.host() + ":" + server.port()
                    + " to run: " + sql, e);
        }
    }
}
