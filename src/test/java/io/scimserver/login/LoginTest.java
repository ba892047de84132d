package io.scimserver.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class LoginTest {

    static final String PASSWORD = "correct horse battery";
    static final String REFUSED = "invalid userName or password";

    static TestClient.Org org;

    @BeforeEach
    void organisation() {
        if (org == null) {
            org = TestClient.newOrg("login");
        }
    }

    String userWithPassword(String prefix) {
        String userName = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = TestClient.newUser(org.id(), userName);
        TestClient.setPassword(org, id, PASSWORD);
        return userName;
    }

    @Test
    void rightPasswordGivesASessionTokenThatWorks() {
        String userName = userWithPassword("ok");
        Response r = TestClient.login(org.name(), userName.toUpperCase(), PASSWORD, TestClient.newAddress());
        r.then().statusCode(200).body("token", notNullValue()).body("expiresAt", notNullValue());
        given().log().ifValidationFails().auth().oauth2(r.<String>path("token")).get("/api/v1/me")
                .then().log().ifValidationFails().statusCode(200).body("userName", equalTo(userName));
    }

    @Test
    void passwordsAreStoredAsBcryptWithCostTwelve() {
        String userName = userWithPassword("hash");
        String hash = (String) TestClient.sqlValue(
                "select password_hash from users where org_id = ?::uuid and user_name = ?", org.id(), userName);
        assertTrue(hash.startsWith("$2a$12$"), hash);
        assertTrue(BcryptUtil.matches(PASSWORD, hash));
    }

    @Test
    void everyRefusalIsTheSame401() {
        String address = TestClient.newAddress();
        String active = userWithPassword("wrong");
        String noPassword = "nopw-" + UUID.randomUUID() + "@example.com";
        TestClient.newUser(org.id(), noPassword);
        String inactive = userWithPassword("inactive");
        TestClient.setActive(idOf(inactive), false);

        for (String[] attempt : new String[][] {{active, "wrong password"}, {"nobody@example.com", PASSWORD},
                {noPassword, PASSWORD}, {noPassword, ""}, {inactive, PASSWORD}}) {
            TestClient.login(org.name(), attempt[0], attempt[1], address)
                    .then().statusCode(401).body("message", equalTo(REFUSED)).body("status", equalTo(401));
        }
        TestClient.login("no-such-org-" + UUID.randomUUID(), active, PASSWORD, address)
                .then().statusCode(401).body("message", equalTo(REFUSED));
    }

    @Test
    void anotherOrganisationsUserCannotLogInHere() {
        String userName = userWithPassword("scoped");
        TestClient.Org other = TestClient.newOrg("login-other");
        TestClient.login(other.name(), userName, PASSWORD, TestClient.newAddress()).then().statusCode(401);
    }

    @Test
    void withoutAnOrganisationLoginUsesTheBootstrapOrganisation() {
        TestClient.sql("insert into organizations (id, name) values (?::uuid, 'default') on conflict do nothing",
                UUID.randomUUID().toString());
        String orgId = TestClient.sqlValue("select id from organizations where lower(name) = 'default'").toString();
        String userName = "default-" + UUID.randomUUID() + "@example.com";
        String id = TestClient.newUser(orgId, userName);
        TestClient.sql("update users set password_hash = ? where id = ?::uuid", BcryptUtil.bcryptHash(PASSWORD, 12), id);
        TestClient.login(null, userName, PASSWORD, TestClient.newAddress()).then().statusCode(200);
        TestClient.login(org.name(), userName, PASSWORD, TestClient.newAddress()).then().statusCode(401);
    }

    @Test
    void missingFieldsAre400() {
        given().contentType(ContentType.JSON).header("X-Forwarded-For", TestClient.newAddress())
                .body(Map.of("userName", "x")).post("/api/v1/login")
                .then().statusCode(400).body("message", notNullValue());
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/login").then().statusCode(400);
    }

    @Test
    void failuresPerUserAreThrottledWith429AndRetryAfter() {
        String userName = userWithPassword("throttled");
        for (int i = 0; i < 5; i++) {
            TestClient.login(org.name(), userName, "wrong" + i, TestClient.newAddress()).then().statusCode(401);
        }
        Response r = TestClient.login(org.name(), userName, PASSWORD, TestClient.newAddress());
        r.then().statusCode(429).body("message", containsString("too many failed logins"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        // the counter lives in PostgreSQL, where every replica sees it; refused attempts do not lengthen the window, where every replica sees it
        String key = LoginThrottle.userKey(java.util.UUID.fromString(org.id()), null, userName);
        assertEquals(5, ((Number) TestClient.sqlValue("select count from login_failures where key = ?", key)).intValue());
        // once the window is over, the right password works again
        TestClient.sql("update login_failures set window_start = now() - interval '16 minutes' where key = ?", key);
        TestClient.login(org.name(), userName, PASSWORD, TestClient.newAddress()).then().statusCode(200);
    }

    /** A userName or address too long for the counter table's index is still only a refused login (it was a 500). */
    @Test
    void aHugeUserNameOrAddressIsARefusedLoginNotAServerError() {
        String huge = "x".repeat(15_000) + "@example.com";
        TestClient.login(org.name(), huge, "wrong-password", TestClient.newAddress()).then()
                .statusCode(anyOf(is(400), is(401)));
        TestClient.login(org.name(), "nobody@example.com", "wrong-password", "10." + "9".repeat(6_000))
                .then().statusCode(anyOf(is(400), is(401)));
    }

    @Test
    void failuresPerAddressAreThrottled() {
        String address = TestClient.newAddress();
        for (int i = 0; i < 20; i++) {
            TestClient.login(org.name(), "guess" + i + "@example.com", "pw", address).then().statusCode(401);
        }
        TestClient.login(org.name(), userWithPassword("victim"), PASSWORD, address)
                .then().statusCode(429).header("Retry-After", notNullValue());
        TestClient.login(org.name(), userWithPassword("elsewhere"), PASSWORD, TestClient.newAddress())
                .then().statusCode(200);
    }

    @Test
    void successClearsTheUsersFailures() {
        String userName = userWithPassword("reset");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                TestClient.login(org.name(), userName, "wrong", TestClient.newAddress()).then().statusCode(401);
            }
            TestClient.login(org.name(), userName, PASSWORD, TestClient.newAddress()).then().statusCode(200);
        }
    }

    @Test
    void anUnknownUserCostsAsMuchTimeAsAWrongPassword() {
        String userName = userWithPassword("timing");
        long known = median(() -> TestClient.login(org.name(), userName, "wrong", TestClient.newAddress()));
        long unknown = median(() -> TestClient.login(org.name(), "ghost-" + UUID.randomUUID(), "wrong",
                TestClient.newAddress()));
        assertTrue(unknown * 2 > known, "unknown user " + unknown + " ms, wrong password " + known + " ms");
    }

    private static long median(Runnable attempt) {
        long[] times = new long[3];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            attempt.run();
            times[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(times);
        return times[1];
    }

    @Test
    void onlyAdminsSetPasswordsAndShortOnesAreRefused() {
        String userName = userWithPassword("policy");
        String id = idOf(userName);
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(Map.of("password", "short"))
                .put("/api/v1/users/" + id + "/password").then().statusCode(400);
        String session = TestClient.login(org.name(), userName, PASSWORD, TestClient.newAddress()).path("token");
        given().contentType(ContentType.JSON).auth().oauth2(session).body(Map.of("password", "another password"))
                .put("/api/v1/users/" + id + "/password").then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(Map.of("password", "new password!"))
                .put("/api/v1/users/" + UUID.randomUUID() + "/password").then().statusCode(404);
    }

    /**
     * NIST SP 800-63B: a length floor in code points after normalisation (white space at the ends and repeated white
     * space do not count) and no commonly used password, for the admin API and SCIM alike; no composition rules. The
     * refusal never repeats the password.
     */
    @Test
    void blankShortAndCommonPasswordsAreRefused() {
        String id = idOf(userWithPassword("weak"));
        for (String weak : List.of("        ", "\t \u00a0 \u3000  \t ", "12345678", "PASSWORD123", "Passw0rd",
                " a  b  c  d ", "ｐａｓｓｗｏｒｄ１")) {
            String message = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                    .body(Map.of("password", weak)).put("/api/v1/users/" + id + "/password").then().statusCode(400)
                    .extract().path("message");
            assertTrue(weak.isBlank() || !message.contains(weak.strip()), message);
        }
        new Scim(org).request().body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"weak-"
                + UUID.randomUUID() + "@example.com\",\"password\":\"12345678\"}").post("/scim/v2/Users").then()
                .statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("most commonly used")).body("detail", not(containsString("12345678")));
        for (String fine : List.of("all lower case words", "\u00e9t\u00e9 \u00e0 la plage", "tr0ub4dor&3x")) {
            given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(Map.of("password", fine))
                    .put("/api/v1/users/" + id + "/password").then().statusCode(204);
        }
    }

    @Test
    void aTamperedSessionTokenIs401() {
        String token = TestClient.login(org.name(), userWithPassword("tamper"), PASSWORD, TestClient.newAddress())
                .path("token");
        String[] parts = token.split("\\.");
        // change a character inside the payload (its last ones may be base64 padding bits that decode the same)
        char c = parts[1].charAt(5);
        String forged = parts[0] + "." + parts[1].substring(0, 5) + (c == 'A' ? 'B' : 'A') + parts[1].substring(6)
                + "." + parts[2];
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
    }

    String idOf(String userName) {
        return TestClient.sqlValue("select id from users where org_id = ?::uuid and user_name = ?", org.id(), userName)
                .toString();
    }
}
