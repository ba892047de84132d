package io.scimserver.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The multi-replica deployment: two packaged applications (target/quarkus-app/quarkus-run.jar) started at the same
 * moment on one fresh database (both run the Flyway migration at start), then concurrent load spread over both.
 * The unique constraints and row locks of PostgreSQL decide, not either process: no duplicate userName, no lost
 * membership, no lost attribute update. Their logs are then searched for the secrets they saw.
 */
class MultiReplicaIT {

    static final int N = 40;
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    static final List<Process> REPLICAS = new ArrayList<>();
    static final List<String> URLS = new ArrayList<>();
    static final List<Path> LOGS = new ArrayList<>();
    static final List<String> MANAGEMENT_URLS = new ArrayList<>();
    static TestClient.Org org;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> db = DATABASE.start();
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the application first (mvn verify does)");
        Files.createDirectories(Path.of("target", "reliability"));
        for (String name : List.of("a", "b")) {
            int port = freePort();
            Path log = Path.of("target", "reliability", "replica-" + name + ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            int management = freePort();
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            MANAGEMENT_URLS.add("http://127.0.0.1:" + management);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.get("quarkus.datasource.jdbc.url"));
            env.put("QUARKUS_DATASOURCE_USERNAME", db.get("quarkus.datasource.username"));
            env.put("QUARKUS_DATASOURCE_PASSWORD", db.get("quarkus.datasource.password"));
            env.put("SCIM_OPERATOR_TOKEN", TestClient.OPERATOR_TOKEN);
            env.put("SCIM_RATE_LIMIT_ORG_PER_SECOND", "100000");
            env.put("SCIM_RATE_LIMIT_OBJECT_PER_SECOND", "100000");
            env.put("QUARKUS_LOG_CATEGORY__IO_SCIMSERVER__LEVEL", "DEBUG");
            REPLICAS.add(pb.start());
            URLS.add("http://127.0.0.1:" + port);
            LOGS.add(log);
        }
        for (String url : MANAGEMENT_URLS) {
            waitReady(url);
        }
        io.restassured.RestAssured.baseURI = URLS.get(0);
        io.restassured.RestAssured.port = -1;
        org = TestClient.newOrg("replicas");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : REPLICAS) {
            p.destroy();
        }
        for (Process p : REPLICAS) {
            p.waitFor();
        }
        DATABASE.stop();
    }

    @Test
    void sameUserNameCreatedThroughBothReplicasGivesOneUser() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            names.add("dup-" + i + "-" + UUID.randomUUID() + "@replicas.example");
        }
        // every userName is created 4 times at once, twice through each replica, differently cased
        List<Integer> statuses = ConcurrencyTest.concurrently(4 * N, i -> {
            String userName = names.get(i / 4);
            return at(i % 2).body("""
                    {"schemas":["%s"],"userName":"%s"}""".formatted(Scim.USER, i % 4 < 2 ? userName
                    : userName.toUpperCase())).post("/scim/v2/Users").statusCode();
        });
        Map<Integer, Long> h = ConcurrencyTest.histogram(statuses);
        long rows = count("select count(*) from users where org_id = ?::uuid and lower(user_name) like 'dup-%'", org.id());
        long distinct = count("select count(distinct lower(user_name)) from users where org_id = ?::uuid"
                + " and lower(user_name) like 'dup-%'", org.id());
        Figures.write("replicas-duplicate-creates.txt", ("two replicas, duplicate creates: sent %d, succeeded (201) %d,"
                + " refused (409) %d, other %d; rows found %d, distinct userNames %d%n").formatted(statuses.size(),
                h.getOrDefault(201, 0L), h.getOrDefault(409, 0L), statuses.size() - h.getOrDefault(201, 0L)
                        - h.getOrDefault(409, 0L), rows, distinct));
        assertEquals(Map.of(201, (long) N, 409, 3L * N), h);
        assertEquals(N, rows);
        assertEquals(N, distinct);
    }

    @Test
    void membershipChangesThroughBothReplicasAreNotLost() throws Exception {
        String group = at(0).body("{\"schemas\":[\"" + Scim.GROUP + "\"],\"displayName\":\"Replicated "
                + UUID.randomUUID() + "\"}").post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            users.add(createUser(i % 2, "m-" + i + "-" + UUID.randomUUID() + "@replicas.example"));
        }
        List<Integer> statuses = ConcurrencyTest.concurrently(N, i -> patch(i % 2, "/scim/v2/Groups/" + group,
                "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + users.get(i) + "\"}]}]")
                .statusCode());
        long found = count("select count(*) from memberships where role_id = ?::uuid", group);
        Map<Integer, Long> h = ConcurrencyTest.histogram(statuses);
        Figures.write("replicas-memberships.txt", ("two replicas, concurrent member adds to one group: sent %d,"
                + " succeeded %d, 503 %d, memberships found %d%n").formatted(N, h.getOrDefault(204, 0L),
                h.getOrDefault(503, 0L), found));
        assertAnsweredAsStored(statuses, 204, i -> count("select count(*) from memberships where role_id = ?::uuid"
                + " and user_id = ?::uuid", group, users.get(i)) == 1);
        assertEquals(h.getOrDefault(204, 0L), found);
    }

    @Test
    void attributeUpdatesOfOneUserThroughBothReplicasAreNotLost() throws Exception {
        String id = createUser(0, "hot-" + UUID.randomUUID() + "@replicas.example");
        List<Integer> statuses = ConcurrencyTest.concurrently(N, i -> patch(i % 2, "/scim/v2/Users/" + id,
                "[{\"op\":\"add\",\"path\":\"phoneNumbers\",\"value\":[{\"type\":\"t" + i + "\",\"value\":\"+"
                        + i + "\"}]}]").statusCode());
        List<String> types = at(1).get("/scim/v2/Users/" + id).then().statusCode(200).extract().path("phoneNumbers.type");
        long version = count("select version from users where id = ?::uuid", id);
        Map<Integer, Long> h = ConcurrencyTest.histogram(statuses);
        Figures.write("replicas-attribute-updates.txt", ("two replicas, concurrent PATCHes of one user: sent %d,"
                + " succeeded %d, 503 %d, changes found %d, version %d%n").formatted(N, h.getOrDefault(200, 0L),
                h.getOrDefault(503, 0L), types.size(), version));
        assertAnsweredAsStored(statuses, 200, i -> types.contains("t" + i));
        assertEquals(h.getOrDefault(200, 0L), types.size());
        assertEquals(h.getOrDefault(200, 0L) + 1, version);
    }

    @Test
    void logsHoldNoSecrets() throws Exception {
        // a login with a password and a bad token, so that every path that could log them has run
        given().baseUri(URLS.get(0)).port(-1).contentType(ContentType.JSON).body(Map.of("organization", org.name(),
                "userName", "nobody@replicas.example", "password", "Secret-Password-123")).post("/api/v1/login");
        given().baseUri(URLS.get(1)).port(-1).auth().oauth2("scim_notARealToken000000000000000000000000000")
                .get("/scim/v2/Users").then().statusCode(401);
        at(0).body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"pw-" + UUID.randomUUID()
                + "@replicas.example\",\"password\":\"Secret-Password-123\"}").post("/scim/v2/Users").then().statusCode(201);
        Thread.sleep(500);
        for (Path log : LOGS) {
            String text = Files.readString(log);
            assertFalse(text.isEmpty(), log + " is empty");
            for (String secret : List.of(org.adminToken(), TestClient.OPERATOR_TOKEN, "Secret-Password-123",
                    "scim_notARealToken", "Bearer ")) {
                assertFalse(text.contains(secret), log + " contains a secret (" + secret.substring(0, 6) + "...)");
            }
            assertFalse(text.contains("$2a$"), log + " contains a password hash");
        }
    }

    /**
     * Every request was answered {@code success} or 503 (a connection not free within the acquisition timeout while
     * all of them wait on the same row lock: overload, retried by Entra), most succeeded, and exactly the successful
     * ones are stored.
     */
    private static void assertAnsweredAsStored(List<Integer> statuses, int success,
            java.util.function.IntPredicate stored) {
        for (int i = 0; i < statuses.size(); i++) {
            int s = statuses.get(i);
            assertTrue(s == success || s == 503, "request " + i + " answered " + s);
            assertEquals(s == success, stored.test(i), "request " + i + " answered " + s);
        }
        long ok = statuses.stream().filter(s -> s == success).count();
        assertTrue(ok >= statuses.size() * 9 / 10, "only " + ok + " of " + statuses.size() + " succeeded");
    }

    /** A SCIM request to one replica (RestAssured's global base URI cannot be switched between threads). */
    private static RequestSpecification at(int replica) {
        return given().baseUri(URLS.get(replica)).port(-1).auth().oauth2(org.adminToken())
                .contentType(Scim.SCIM_JSON).accept(Scim.SCIM_JSON);
    }

    private static String createUser(int replica, String userName) {
        return at(replica).body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + userName + "\"}")
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    private static Response patch(int replica, String path, String operations) {
        return at(replica).body("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":" + operations + "}")
                .patch(path);
    }

    private static long count(String sql, Object... params) {
        return ((Number) TestClient.sqlValue(sql, params)).longValue();
    }

    private static void waitReady(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (given().baseUri(url).port(-1).get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + " never became ready; see target/reliability/replica-*.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static {
        new File("target/reliability").mkdirs();
    }
}
