package io.scimserver.testing;

import java.io.IOException;
import java.net.URI;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) started as an operator would, in a process of
 * its own with the given environment, its output in {@code log}. {@link #close()} stops it as Kubernetes does (SIGTERM)
 * and waits for it to exit.
 */
public final class PackagedApp implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String url;

    private PackagedApp(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts the jar on free ports with {@code env} on top of this JVM's environment, and waits until it answers. */
    public static PackagedApp start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the application first (mvn verify does)");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()));
        pb.environment().putAll(env);
        PackagedApp app = new PackagedApp(pb.start(), log, "http://127.0.0.1:" + port);
        app.awaitListening();
        return app;
    }

    public String url() {
        return url;
    }

    /** The log's lines so far. */
    public List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    /** Any HTTP answer (a 401 for an unauthenticated SCIM request will do) means the application is listening. */
    private void awaitListening() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; see " + log);
            }
            try {
                client.send(HttpRequest.newBuilder(URI.create(url + "/scim/v2/ServiceProviderConfig")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(250); // not listening yet
            }
        }
        throw new IllegalStateException(url + " never answered; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
