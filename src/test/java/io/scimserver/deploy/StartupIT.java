package io.scimserver.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Replica;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's path as the README writes it, on the packaged application: a normal production start logs no WARN or
 * ERROR line; the bootstrap admin's token works; a second start changes nothing and says how to get a new token; a
 * start with {@code SCIM_BOOTSTRAP_REISSUE_TOKEN=always} writes a new token that works.
 */
class StartupIT {

    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+ \\S+ (WARN|ERROR)\\b");
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    static final Path DIR = Path.of("target", "startup");
    static Map<String, String> db;
    static Map<String, String> env;

    @BeforeAll
    static void database() throws Exception {
        db = DATABASE.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        env = new HashMap<>(Map.of(
                "SCIM_BOOTSTRAP_ADMIN", "admin@startup.example",
                "SCIM_BOOTSTRAP_TOKEN_FILE", DIR.resolve("admin-token").toAbsolutePath().toString(),
                "SCIM_JWT_PRIVATE_KEY", pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                "SCIM_JWT_PUBLIC_KEY", pem("PUBLIC KEY", keys.getPublic().getEncoded())));
        Files.createDirectories(DIR);
        Files.deleteIfExists(DIR.resolve("admin-token"));
    }

    @AfterAll
    static void drop() {
        DATABASE.stop();
    }

    @Test
    void firstStartSecondStartAndALostToken() throws Exception {
        String first;
        try (Replica app = Replica.start("startup-first", db, env).awaitReady()) {
            first = token();
            assertEquals(200, me(app, first), "the bootstrap admin's token works");
            assertNoWarningOrError(app.logLines());
        }

        try (Replica app = Replica.start("startup-second", db, env).awaitReady()) {
            assertEquals(first, token(), "a start with an active admin writes no new token");
            assertTrue(app.logLines().stream().anyMatch(l -> l.contains("SCIM_BOOTSTRAP_REISSUE_TOKEN=always")),
                    "the log says how to get a new token");
            assertNoWarningOrError(app.logLines());
        }

        Map<String, String> reissue = new HashMap<>(env);
        reissue.put("SCIM_BOOTSTRAP_REISSUE_TOKEN", "always");
        try (Replica app = Replica.start("startup-reissue", db, reissue).awaitReady()) {
            String second = token();
            assertNotEquals(first, second);
            assertEquals(200, me(app, second), "the new token works");
            assertTrue(app.logLines().stream().noneMatch(l -> l.contains(second)), "no token in the log");
        }
    }

    private static void assertNoWarningOrError(List<String> lines) {
        List<String> bad = lines.stream().filter(l -> WARN_OR_ERROR.matcher(l).find()).toList();
        assertEquals(List.of(), bad, "a normal start logs no WARN or ERROR line");
    }

    private static String token() throws Exception {
        return Files.readString(DIR.resolve("admin-token")).strip();
    }

    private static int me(Replica app, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
