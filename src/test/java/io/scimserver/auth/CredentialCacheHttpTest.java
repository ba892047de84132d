package io.scimserver.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.config.ScimConfig;
import io.scimserver.testing.MemberTokens;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import io.scimserver.testing.TestPostgres;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credential cache against the real database and HTTP server. This replica (the application under test) refuses a
 * credential at the next request after its own change; a second replica's cache and listener, made here in the test
 * on the same database, hears the change (through the application, or an operator's SQL) within 100 ms. The
 * two-replica test with two packaged applications is {@code CredentialReplicasIT}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class CredentialCacheHttpTest {

    static final Duration WINDOW = Duration.ofMillis(100);

    @Inject
    CredentialCache cache;
    @Inject
    ScimConfig config;

    TestClient.Org org;
    CredentialCache otherCache;
    CredentialListener otherListener;

    @BeforeEach
    void otherReplica() throws InterruptedException {
        org = TestClient.orgOf(CredentialCacheHttpTest.class);
        otherCache = new CredentialCache(config);
        otherListener = new CredentialListener(otherCache, config, Optional.of(PostgresTestDatabase.currentUrl()),
                Optional.of(TestPostgres.server().user()), Optional.of(TestPostgres.server().password()));
        otherListener.start(null);
        awaitTrue(() -> otherCache.usable(), Duration.ofSeconds(10), "the other replica's listener never listened");
        awaitTrue(() -> cache.usable(), Duration.ofSeconds(10), "this replica's listener never listened");
    }

    @AfterEach
    void stopOtherReplica() {
        otherListener.stop(null);
    }

    @Test
    void aTokenRevokedHereIsRefusedAtTheNextRequestAndHeardByTheOtherReplica() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        byte[] key = warm(m.token(), m.userId());
        String tokenId = given().auth().oauth2(m.session()).get("/api/v1/tokens").then().statusCode(200)
                .extract().path("[0].id");
        long changed = measured(() -> given().auth().oauth2(m.session()).delete("/api/v1/tokens/" + tokenId)
                .then().statusCode(204));
        assertNull(cache.find(key, Instant.now()), "evicted on this replica before the response");
        assertHeardWithinWindow(key, changed);
        me(m.token()).then().statusCode(401);
    }

    @Test
    void aDeactivationThroughScimEndsTokenAndSessionAtOnce() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        byte[] token = warm(m.token(), m.userId());
        byte[] session = warm(m.session(), m.userId());
        long changed = measured(() -> given().auth().oauth2(org.adminToken()).contentType("application/scim+json")
                .body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","path":"active","value":false}]}""")
                .patch("/scim/v2/Users/" + m.userId()).then().statusCode(200));
        assertNull(cache.find(token, Instant.now()));
        assertNull(cache.find(session, Instant.now()));
        assertHeardWithinWindow(token, changed);
        assertNull(otherCache.find(session, Instant.now()));
        me(m.token()).then().statusCode(401);
        me(m.session()).then().statusCode(401);
    }

    @Test
    void aDeprovisioningThroughScimEndsTheTokenAtOnce() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        byte[] key = warm(m.token(), m.userId());
        long changed = measured(() -> given().auth().oauth2(org.adminToken()).delete("/scim/v2/Users/" + m.userId())
                .then().statusCode(204));
        assertNull(cache.find(key, Instant.now()));
        assertHeardWithinWindow(key, changed);
        me(m.token()).then().statusCode(401);
    }

    @Test
    void removingAdminIsA403AtTheNextScimRequest() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        String admin = adminRoleId();
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + admin + "/members/" + m.userId())
                .then().statusCode(204);
        given().auth().oauth2(m.token()).get("/scim/v2/Users?count=1").then().statusCode(200);
        byte[] key = PersonalAccessTokens.hash(m.token());
        assertTrue(cache.find(key, Instant.now()).admin());
        otherCache.keep(key, cache.find(key, Instant.now()), null, otherCache.epoch());
        long changed = measured(() -> given().auth().oauth2(org.adminToken())
                .delete("/api/v1/roles/" + admin + "/members/" + m.userId()).then().statusCode(204));
        assertNull(cache.find(key, Instant.now()));
        assertHeardWithinWindow(key, changed);
        given().auth().oauth2(m.token()).get("/scim/v2/Users?count=1").then().statusCode(403);
    }

    @Test
    void anOperatorsSqlReachesBothReplicas() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        byte[] key = warm(m.token(), m.userId());
        long changed = measured(() -> TestClient.sql("update access_tokens set revoked_at = now() where user_id = ?::uuid",
                m.userId()));
        assertHeardWithinWindow(key, changed);
        awaitTrue(() -> cache.find(key, Instant.now()) == null, WINDOW, "this replica missed the operator's SQL");
        me(m.token()).then().statusCode(401);
    }

    @Test
    void aNewPasswordSetBySqlEndsTheSession() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        byte[] key = warm(m.session(), m.userId());
        long changed = measured(() -> TestClient.sql("update users set password_hash = 'x' where id = ?::uuid",
                m.userId()));
        assertHeardWithinWindow(key, changed);
        awaitTrue(() -> cache.find(key, Instant.now()) == null, WINDOW, "this replica missed the new password");
        me(m.session()).then().statusCode(401);
    }

    @Test
    void changesThatDoNotTouchCredentialsEvictNothing() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        byte[] key = warm(m.token(), m.userId());
        given().auth().oauth2(org.adminToken()).contentType("application/scim+json").body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Renamed"}]}""")
                .patch("/scim/v2/Users/" + m.userId()).then().statusCode(200);
        TestClient.sql("update access_tokens set last_used_at = now() where user_id = ?::uuid", m.userId());
        sleep(150);
        assertNotNull(cache.find(key, Instant.now()), "a displayName or last_used_at change is no reason to evict");
        assertNotNull(otherCache.find(key, Instant.now()));
    }

    @Test
    void aDroppedListeningConnectionEmptiesTheCacheUntilItListensAgain() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        byte[] key = warm(m.token(), m.userId());
        TestClient.sqlList("""
                select pg_terminate_backend(pid) from pg_stat_activity
                 where application_name = 'scim-server credentials listener' and datname = current_database()
                """);
        awaitTrue(() -> !otherCache.usable() && otherCache.size() == 0, Duration.ofSeconds(2),
                "the other replica kept its cache without a listening connection");
        awaitTrue(() -> cache.size() == 0, Duration.ofSeconds(2), "this replica kept its cache");
        // meanwhile every request is checked in the database: still answered
        me(m.token()).then().statusCode(200);
        awaitTrue(() -> cache.usable() && otherCache.usable(), Duration.ofSeconds(10), "the listeners never came back");
        me(m.token()).then().statusCode(200);
        assertNotNull(cache.find(key, Instant.now()), "cached again once listening");
    }

    // -- helpers

    static io.restassured.response.Response me(String bearer) {
        return given().auth().oauth2(bearer).get("/api/v1/me");
    }

    /** One request with the credential (so this replica caches it), and the other replica's cache given it too. */
    byte[] warm(String bearer, String userId) {
        me(bearer).then().statusCode(200);
        byte[] key = PersonalAccessTokens.hash(bearer);
        Caller caller = cache.find(key, Instant.now());
        assertNotNull(caller, "a verified credential is cached");
        assertEquals(UUID.fromString(userId), caller.userId());
        otherCache.keep(key, caller, null, otherCache.epoch());
        assertNotNull(otherCache.find(key, Instant.now()));
        return key;
    }

    /** Runs the change; returns {@link System#nanoTime()} when it had committed (its response arrived). */
    static long measured(Runnable change) {
        change.run();
        return System.nanoTime();
    }

    void assertHeardWithinWindow(byte[] key, long changedNanos) {
        awaitTrue(() -> otherCache.find(key, Instant.now()) == null, Duration.ofSeconds(2),
                "the other replica never heard the change");
        Duration window = Duration.ofNanos(System.nanoTime() - changedNanos);
        assertTrue(window.compareTo(WINDOW) <= 0, "the other replica heard the change after " + window.toMillis()
                + " ms, more than " + WINDOW.toMillis() + " ms");
    }

    String adminRoleId() {
        return TestClient.sqlValue("select id::text from roles where org_id = ?::uuid and name = 'ADMIN'", org.id())
                .toString();
    }

    static void awaitTrue(Supplier<Boolean> condition, Duration within, String message) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message);
            }
            sleep(1);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
