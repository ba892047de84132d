package io.scimserver.testing;

import io.scimserver.config.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

/**
 * The PostgreSQL server the tests of this JVM use, chosen once: the one at {@code SCIM_TEST_PG_HOST}:{@code
 * SCIM_TEST_PG_PORT} (127.0.0.1:5432 by default, user {@code postgres}, no password) when it answers, else an
 * {@link EmbeddedPostgres} started for this JVM from the binaries on the test class path, its data in a temporary
 * directory removed when the JVM exits. Tests make their own databases on it and never assume an empty server.
 */
public record TestPostgres(String host, int port, String user, String password, boolean embedded) {

    private static volatile TestPostgres server;

    public static TestPostgres server() {
        TestPostgres s = server;
        if (s == null) {
            synchronized (TestPostgres.class) {
                s = server;
                if (s == null) {
                    s = choose();
                    server = s;
                }
            }
        }
        return s;
    }

    private static TestPostgres choose() {
        String host = System.getenv().getOrDefault("SCIM_TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("SCIM_TEST_PG_PORT", "5432"));
        if (answers(host, port)) {
            return new TestPostgres(host, port, System.getenv().getOrDefault("SCIM_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("SCIM_TEST_PG_PASSWORD", ""), false);
        }
        // one data directory per JVM: Quarkus may load this class again for another test profile in the same JVM
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "scim-test-postgres-" + ProcessHandle.current().pid());
        EmbeddedPostgres pg = EmbeddedPostgres.start(data, true);
        System.out.printf("no PostgreSQL answers on %s:%d: the tests use an embedded PostgreSQL on port %d%n", host, port,
                pg.port());
        return new TestPostgres("127.0.0.1", pg.port(), EmbeddedPostgres.USER, "", true);
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
