package io.scimserver.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more instance of the packaged application (target/quarkus-app/quarkus-run.jar) on a free port, on the database
 * whose connection settings are given, with the test operator token; its output goes to
 * {@code target/reliability/replica-<name>.log}. For tests of what several replicas sharing one database do.
 */
public final class Replica implements AutoCloseable {

    private final Process process;
    private final String url;
    private final String managementUrl;
    private final Path log;

    private Replica(Process process, String url, String managementUrl, Path log) {
        this.process = process;
        this.url = url;
        this.managementUrl = managementUrl;
        this.log = log;
    }

    /** Starts a replica with the datasource settings {@code db} (Quarkus property names) and extra environment. */
    public static Replica start(String name, Map<String, String> db, Map<String, String> extraEnv) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the application first (mvn verify does)");
        }
        Files.createDirectories(Path.of("target", "reliability"));
        int port = freePort();
        int management = freePort();
        Path log = Path.of("target", "reliability", "replica-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.get("quarkus.datasource.jdbc.url"));
        env.put("QUARKUS_DATASOURCE_USERNAME", db.get("quarkus.datasource.username"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.get("quarkus.datasource.password"));
        env.put("SCIM_OPERATOR_TOKEN", TestClient.OPERATOR_TOKEN);
        env.putAll(extraEnv);
        return new Replica(pb.start(), "http://127.0.0.1:" + port, "http://127.0.0.1:" + management, log);
    }

    /** A replica on the database of the running test ({@link PostgresTestDatabase}). */
    public static Replica onTestDatabase(String name) throws IOException {
        return start(name, Map.of("quarkus.datasource.jdbc.url", PostgresTestDatabase.currentUrl(),
                "quarkus.datasource.username", TestPostgres.server().user(),
                "quarkus.datasource.password", TestPostgres.server().password()), Map.of());
    }

    public String url() {
        return url;
    }

    /** The management interface: health and metrics. */
    public String managementUrl() {
        return managementUrl;
    }

    public Path log() {
        return log;
    }

    /** The log's lines so far. */
    public List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    /** Waits until {@code /q/health/ready} on the management port answers 200 (at most 90 s); returns this. */
    public Replica awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + " exited; see " + log);
            }
            try {
                if (given().baseUri(managementUrl).port(-1).get("/q/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (Exception e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + " never became ready; see " + log);
    }

    /** Stops it as Kubernetes does (SIGTERM), and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Ports handed out in this JVM: a port released by one probe is not handed to another replica before it binds. */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
