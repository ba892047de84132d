package io.scimserver.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.scimserver.testing.MemberTokens;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Replica;
import io.scimserver.testing.TestClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The revocation window between two replicas: two packaged applications on one database, each caching the credentials
 * it verified. A credential is ended through replica A; A refuses it at the next request, and B within 100 ms of A's
 * response (B hears PostgreSQL's notification of the commit). Each case measures B's window: from A's response to
 * B's first refusal, polling B as fast as it answers.
 */
class CredentialReplicasIT {

    static final Duration WINDOW = Duration.ofMillis(100);
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    static final List<Replica> REPLICAS = new ArrayList<>();
    static String a;
    static String b;
    static TestClient.Org org;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> db = DATABASE.start();
        // one key pair for both, as in production: a session token issued by A is valid on B
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        for (String name : List.of("credentials-a", "credentials-b")) {
            REPLICAS.add(Replica.start(name, db, Map.of("SCIM_RATE_LIMIT_ORG_PER_SECOND", "100000",
                    "SCIM_RATE_LIMIT_ORG_BURST", "100000",
                    "SCIM_JWT_PRIVATE_KEY", pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                    "SCIM_JWT_PUBLIC_KEY", pem("PUBLIC KEY", keys.getPublic().getEncoded()))));
        }
        a = REPLICAS.get(0).awaitReady().url();
        b = REPLICAS.get(1).awaitReady().url();
        RestAssured.baseURI = a;
        RestAssured.port = -1;
        org = TestClient.newOrg("credential-replicas");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Replica r : REPLICAS) {
            r.close();
        }
        DATABASE.stop();
    }

    @Test
    void aRevokedTokenIsRefusedOnBothReplicas() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        warm(m.token());
        String tokenId = given().auth().oauth2(m.session()).get("/api/v1/tokens").then().statusCode(200)
                .extract().path("[0].id");
        given().auth().oauth2(m.session()).delete("/api/v1/tokens/" + tokenId).then().statusCode(204);
        assertRefusedOnBoth(m.token(), "/api/v1/me", 401);
    }

    @Test
    void aDeactivatedOwnersTokenAndSessionAreRefusedOnBothReplicas() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        warm(m.token());
        warm(m.session());
        given().auth().oauth2(org.adminToken()).contentType("application/scim+json").body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":"False"}]}""")
                .patch("/scim/v2/Users/" + m.userId()).then().statusCode(200);
        assertRefusedOnBoth(m.token(), "/api/v1/me", 401);
        assertEquals(401, status(b, m.session(), "/api/v1/me"));
        assertEquals(401, status(a, m.session(), "/api/v1/me"));
    }

    @Test
    void aDeprovisionedOwnersTokenIsRefusedOnBothReplicas() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        warm(m.token());
        given().auth().oauth2(org.adminToken()).delete("/scim/v2/Users/" + m.userId()).then().statusCode(204);
        assertRefusedOnBoth(m.token(), "/api/v1/me", 401);
    }

    @Test
    void aRemovedAdminIsRefusedScimOnBothReplicas() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        String admin = given().auth().oauth2(org.adminToken()).get("/api/v1/roles").then().statusCode(200)
                .extract().path("find { it.name == 'ADMIN' }.id");
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + admin + "/members/" + m.userId())
                .then().statusCode(204);
        assertEquals(200, status(a, m.token(), "/scim/v2/Users?count=1"));
        assertEquals(200, status(b, m.token(), "/scim/v2/Users?count=1"));
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + admin + "/members/" + m.userId())
                .then().statusCode(204);
        assertRefusedOnBoth(m.token(), "/scim/v2/Users?count=1", 403);
    }

    @Test
    void aNewPasswordEndsTheSessionOnBothReplicas() {
        MemberTokens.Member m = MemberTokens.newMember(org);
        warm(m.session());
        TestClient.setPassword(org, m.userId(), "Quartz-Heron-Meadow-" + System.nanoTime());
        assertRefusedOnBoth(m.session(), "/api/v1/me", 401);
    }

    /** Both replicas accept the credential, and so cache it. */
    static void warm(String bearer) {
        assertEquals(200, status(a, bearer, "/api/v1/me"));
        assertEquals(200, status(b, bearer, "/api/v1/me"));
        assertEquals(200, status(b, bearer, "/api/v1/me"));
    }

    /**
     * Right after the change's response: A refuses at once; B refuses a request sent within {@link #WINDOW} of that
     * response (the window is measured to when B's first refused request was sent, polling B as fast as it answers).
     */
    static void assertRefusedOnBoth(String bearer, String path, int refusal) {
        long changed = System.nanoTime();
        assertEquals(refusal, status(a, bearer, path), "the replica that made the change must refuse at once");
        int accepted = 0;
        long sent;
        while (true) {
            sent = System.nanoTime();
            if (status(b, bearer, path) == refusal) {
                break;
            }
            accepted++;
            assertTrue(sent - changed < Duration.ofSeconds(5).toNanos(),
                    "the other replica still accepts the credential after 5 s");
        }
        Duration window = Duration.ofNanos(sent - changed);
        assertTrue(window.compareTo(WINDOW) <= 0, "the other replica refused the credential " + window.toMillis()
                + " ms after the change (" + accepted + " requests accepted meanwhile), more than " + WINDOW.toMillis()
                + " ms");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static int status(String replica, String bearer, String path) {
        return given().baseUri(replica).port(-1).auth().oauth2(bearer).get(path).statusCode();
    }
}
