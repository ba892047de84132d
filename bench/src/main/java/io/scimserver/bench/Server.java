package io.scimserver.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service started on free ports of 127.0.0.1 (the application port and the management port, where
 * health is served) against the run's database, and stopped at the end.
 */
final class Server implements AutoCloseable {

    final int port;
    final int managementPort;
    final String operatorToken = "bench-" + UUID.randomUUID();
    final Path log;
    final Path jfr;
    private Process process;

    Server(Options o, String name) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket m = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            managementPort = m.getLocalPort();
        }
        Files.createDirectories(o.outDir());
        log = o.outDir().resolve(name + "-server.log");
        jfr = o.jfr() ? o.outDir().toAbsolutePath().resolve(name + ".jfr") : null;
    }

    void start(Options o, String jdbcUrl) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        for (String opt : o.serverJvmOptions().trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.add("-jar");
        cmd.add(o.appJar().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        pb.environment().put("QUARKUS_DATASOURCE_USERNAME", o.pgUser());
        pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", o.pgPassword());
        pb.environment().put("SCIM_OPERATOR_TOKEN", operatorToken);
        // the workloads measure throughput far above the per-replica rate limits' defaults (200/s per organisation,
        // 20/s per object), which would answer most of them 429; the limits' own cost is a map lookup
        pb.environment().put("SCIM_RATE_LIMIT_ENABLED", "false");
        pb.environment().remove("SCIM_BOOTSTRAP_ADMIN");
        pb.environment().put("SCIM_BOOTSTRAP_TOKEN_FILE", o.outDir().resolve("unused-bootstrap-token").toString());
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Scim.ready(managementPort)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server was not ready within 120 s; see " + log);
            }
            Thread.sleep(200);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s), which also writes the JFR recording. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
