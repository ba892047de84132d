package io.scimserver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writes to one object are serialised by the database (a row lock per object), never lost and never
 * rejected: N PATCHes that each add something different all succeed and all their changes are there; N creates of
 * one userName give exactly one 201 and N-1 409s.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class ConcurrencyTest {

    static final int N = 24;

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    @Test
    void concurrentPatchesOfOneUserAreAllApplied() throws Exception {
        Scim scim = scim();
        String id = scim.createUser("patched-" + UUID.randomUUID() + "@conc.example");
        List<Integer> statuses = concurrently(N, i -> scim.patch("/scim/v2/Users/" + id, """
                [{"op":"add","path":"phoneNumbers","value":[{"type":"t%d","value":"+%d"}]},
                 {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                  "value":"d%d"}]""".formatted(i, i, i)).statusCode());
        assertEquals(Map.of(200, (long) N), histogram(statuses), "every PATCH is applied, none rejected");
        List<String> phones = scim.request().get("/scim/v2/Users/" + id).then().statusCode(200)
                .extract().path("phoneNumbers.type");
        assertEquals(N, phones.size(), "a concurrent PATCH lost another's change: " + phones);
        long version = ((Number) TestClient.sqlValue("select version from users where id = ?::uuid", id)).longValue();
        assertEquals(1 + N, version, "each PATCH is one version");
        Figures.write("concurrent-patch-user.txt", "concurrent PATCHes of one user: sent %d, succeeded %d, phone numbers"
                .formatted(N, histogram(statuses).getOrDefault(200, 0L)) + " found %d, version %d%n".formatted(phones.size(), version));
    }

    @Test
    void concurrentMemberAddsAndRemovesOfOneGroupAreAllApplied() throws Exception {
        Scim scim = scim();
        String group = scim.createGroup("Concurrent " + UUID.randomUUID());
        List<String> users = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            users.add(scim.createUser("member-" + i + "-" + UUID.randomUUID() + "@conc.example"));
        }
        // the first half join first; then concurrently the second half join and the first half leave
        scim.patch("/scim/v2/Groups/" + group, "[{\"op\":\"add\",\"path\":\"members\",\"value\":["
                + users.subList(0, N / 2).stream().map(u -> "{\"value\":\"" + u + "\"}").collect(Collectors.joining(","))
                + "]}]").then().statusCode(204);
        List<Integer> statuses = concurrently(N, i -> i < N / 2
                ? scim.patch("/scim/v2/Groups/" + group, "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\""
                        + users.get(i) + "\"}]}]").statusCode()
                : scim.patch("/scim/v2/Groups/" + group, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                        + users.get(i) + "\"}]}]").statusCode());
        assertEquals(Map.of(204, (long) N), histogram(statuses));
        @SuppressWarnings("unchecked")
        List<String> members = (List<String>) (List<?>) TestClient.sqlList(
                "select user_id::text from memberships where role_id = ?::uuid order by 1", group);
        assertEquals(users.subList(N / 2, N).stream().sorted().toList(), members);
    }

    @Test
    void concurrentCreatesOfOneUserNameGiveOneUser() throws Exception {
        Scim scim = scim();
        String userName = "same-" + UUID.randomUUID() + "@conc.example";
        List<Integer> statuses = concurrently(N, i -> scim.request().body("""
                {"schemas":["%s"],"userName":"%s"}""".formatted(Scim.USER,
                i % 2 == 0 ? userName : userName.toUpperCase())).post("/scim/v2/Users").statusCode());
        assertEquals(Map.of(201, 1L, 409, (long) N - 1), histogram(statuses));
        assertEquals(1L, ((Number) TestClient.sqlValue("select count(*) from users where lower(user_name) = lower(?)",
                userName)).longValue());
    }

    @Test
    void concurrentCreatesOfADeprovisionedUserNameReviveItOnce() throws Exception {
        Scim scim = scim();
        String userName = "revived-" + UUID.randomUUID() + "@conc.example";
        String id = deprovisioned(scim, userName, "same");
        List<io.restassured.response.Response> answers = concurrently(N, i -> scim.request().body("""
                {"schemas":["%s"],"userName":"%s","externalId":"same","displayName":"d%d"}""".formatted(Scim.USER,
                i % 2 == 0 ? userName : userName.toUpperCase(), i)).post("/scim/v2/Users"));
        assertEquals(Map.of(201, 1L, 409, (long) N - 1), histogram(answers.stream().map(r -> r.statusCode()).toList()));
        assertEquals(List.of(id), answers.stream().filter(r -> r.statusCode() == 201).map(r -> r.<String>path("id"))
                .toList(), "the kept account is revived, with its id");
        assertEquals(1L, ((Number) TestClient.sqlValue("""
                select count(*) from users where lower(user_name) = lower(?) and deprovisioned_at is null
                   and version = 3""", userName)).longValue());
    }

    @Test
    void concurrentCreatesOfADeprovisionedUserNameByOthersMakeOneNewUser() throws Exception {
        Scim scim = scim();
        String userName = "namesake-" + UUID.randomUUID() + "@conc.example";
        deprovisioned(scim, userName, "first");
        // half of them the same person (a revival), half someone else (a new user): exactly one wins
        List<io.restassured.response.Response> answers = concurrently(N, i -> scim.request().body("""
                {"schemas":["%s"],"userName":"%s","externalId":"%s"}""".formatted(Scim.USER, userName,
                i % 2 == 0 ? "first" : "other-" + i)).post("/scim/v2/Users"));
        assertEquals(Map.of(201, 1L, 409, (long) N - 1), histogram(answers.stream().map(r -> r.statusCode()).toList()));
        assertEquals(1L, ((Number) TestClient.sqlValue("""
                select count(*) from users where lower(user_name) = lower(?) and deprovisioned_at is null""",
                userName)).longValue());
    }

    /** A user created with the externalId, then deleted by SCIM (deprovisioned); its id. */
    private static String deprovisioned(Scim scim, String userName, String externalId) {
        String id = scim.request().body("{\"userName\":\"" + userName + "\",\"externalId\":\"" + externalId + "\"}")
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        scim.request().delete("/scim/v2/Users/" + id).then().statusCode(204);
        return id;
    }

    @Test
    void aUserDeprovisionedWhileGroupsAddItEndsUpInNone() throws Exception {
        Scim scim = scim();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            groups.add(scim.createGroup("Racing " + i + " " + UUID.randomUUID()));
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < N / 4; i++) {
            users.add(scim.createUser("racer-" + i + "-" + UUID.randomUUID() + "@conc.example"));
        }
        // each user is deleted while every group adds it: the add fails (400) or is undone by the deprovisioning
        List<Integer> statuses = concurrently(users.size() * (groups.size() + 1), i -> {
            String user = users.get(i / (groups.size() + 1));
            int g = i % (groups.size() + 1);
            return g == groups.size()
                    ? scim.request().delete("/scim/v2/Users/" + user).statusCode()
                    : scim.patch("/scim/v2/Groups/" + groups.get(g), "[{\"op\":\"Add\",\"path\":\"members\","
                            + "\"value\":[{\"value\":\"" + user + "\"}]}]").statusCode();
        });
        assertTrue(statuses.stream().allMatch(s -> s == 204 || s == 400), "only 204 and 400: " + histogram(statuses));
        assertEquals(0L, ((Number) TestClient.sqlValue("""
                select count(*) from memberships m join roles r on r.id = m.role_id
                join users u on u.id = m.user_id where r.source = 'PROVISIONED' and u.deprovisioned_at is not null
                   and u.org_id = ?::uuid""", TestClient.orgOf(getClass()).id())).longValue());
        assertEquals((long) users.size(), ((Number) TestClient.sqlValue(
                "select count(*) from users where id = any(?::uuid[]) and deprovisioned_at is not null",
                (Object) users.toArray(String[]::new))).longValue());
    }

    @Test
    void concurrentRenamesOfGroupsToOneNameGiveOneGroup() throws Exception {
        Scim scim = scim();
        String name = "Target " + UUID.randomUUID();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            groups.add(scim.createGroup("Source " + i + " " + UUID.randomUUID()));
        }
        List<Integer> statuses = concurrently(groups.size(), i -> scim.patch("/scim/v2/Groups/" + groups.get(i),
                "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + name + "\"}]").statusCode());
        assertEquals(Map.of(204, 1L, 409, 7L), histogram(statuses));
    }

    /** Runs {@code n} calls at once (released together) and returns their results in order. */
    static <T> List<T> concurrently(int n, Function<Integer, T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    go.await();
                    return call.apply(index);
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<Integer, Long> histogram(List<Integer> statuses) {
        return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }
}
