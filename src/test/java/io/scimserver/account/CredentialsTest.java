package io.scimserver.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Credentials end with the access they gave: a password change (admin reset, SCIM PUT or PATCH) ends the user's sessions
 * and revokes its personal access tokens, and an old credential can mint nothing; admins list and revoke any user's
 * tokens; {@code lastUsedAt} is written at most once a minute; admin rights are checked on every request; every account
 * change through the admin API is audited with its actor; memberships and tokens cannot cross organisations.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class CredentialsTest {

    static final String PASSWORD = "first password";

    TestClient.Org org() {
        return TestClient.orgOf(getClass());
    }

    /** A user with a password, a session and a personal access token. */
    record Holder(String id, String userName, String session, String pat, String patId) {
    }

    Holder holder() {
        String userName = "cred-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = new Scim(org()).request().body("""
                {"schemas":["%s"],"userName":"%s","password":"%s"}""".formatted(Scim.USER, userName, PASSWORD))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String session = TestClient.login(org().name(), userName, PASSWORD, TestClient.newAddress()).then()
                .statusCode(200).extract().path("token");
        var pat = given().contentType(ContentType.JSON).auth().oauth2(session).body(Map.of("label", "mine"))
                .post("/api/v1/tokens").then().statusCode(201).extract();
        return new Holder(id, userName, session, pat.path("token"), pat.path("id"));
    }

    void assertEnded(Holder h) {
        given().auth().oauth2(h.session()).get("/api/v1/me").then().statusCode(401)
                .body("message", containsString("session ended"));
        given().auth().oauth2(h.pat()).get("/api/v1/me").then().statusCode(401)
                .body("message", containsString("revoked"));
        // neither can mint a new credential
        for (String old : List.of(h.session(), h.pat())) {
            given().contentType(ContentType.JSON).auth().oauth2(old).body(Map.of("label", "escape"))
                    .post("/api/v1/tokens").then().statusCode(401);
        }
        assertEquals(0L, TestClient.sqlValue(
                "select count(*) from access_tokens where user_id = ?::uuid and label = 'escape'", h.id()));
        TestClient.login(org().name(), h.userName(), PASSWORD, TestClient.newAddress()).then().statusCode(401);
        TestClient.login(org().name(), h.userName(), "second password", TestClient.newAddress()).then()
                .statusCode(200);
    }

    @Test
    void aPasswordChangeByAnyRouteEndsSessionsAndTokens() {
        Map<String, Consumer<Holder>> routes = Map.of(
                "admin reset", h -> TestClient.setPassword(org(), h.id(), "second password"),
                "SCIM PATCH", h -> new Scim(org()).patch("/scim/v2/Users/" + h.id(),
                        "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"second password\"}]")
                        .then().statusCode(200),
                "SCIM PUT", h -> new Scim(org()).request().body("""
                        {"schemas":["%s"],"userName":"%s","password":"second password"}"""
                        .formatted(Scim.USER, h.userName())).put("/scim/v2/Users/" + h.id()).then().statusCode(200));
        routes.forEach((route, change) -> {
            Holder h = holder();
            change.accept(h);
            assertEnded(h);
        });
    }

    /** SCIM cannot change the password of the user whose token sends the request: that would revoke the token. */
    @Test
    void scimRefusesANewPasswordForTheCallersOwnUser() {
        TestClient.Org org = org();
        new Scim(org).patch("/scim/v2/Users/" + org.adminUserId(),
                "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"a brand new password\"}]")
                .then().statusCode(409).body("detail", containsString("token of this request belongs to that user"));
        given().auth().oauth2(org.adminToken()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void changesThatAreNoCredentialEventKeepSessions() {
        Holder h = holder();
        new Scim(org()).patch("/scim/v2/Users/" + h.id(), "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"D\"}]")
                .then().statusCode(200);
        // an identity provider that sends the current password again changes no credential
        new Scim(org()).patch("/scim/v2/Users/" + h.id(), "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\""
                + PASSWORD + "\"}]").then().statusCode(200);
        given().auth().oauth2(h.session()).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(h.pat()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void anAdminListsAndRevokesAnyUsersTokensAndEachRevocationIsAudited() {
        Holder h = holder();
        given().auth().oauth2(org().adminToken()).get("/api/v1/users/" + h.id() + "/tokens").then().statusCode(200)
                .body("id", hasItem(h.patId())).body("[0].label", equalTo("mine"))
                .body("[0]", not(hasKey("token")));
        // not an admin: refused, even for a token of one's own
        given().auth().oauth2(h.session()).get("/api/v1/users/" + h.id() + "/tokens").then().statusCode(403);
        given().auth().oauth2(org().adminToken()).delete("/api/v1/users/" + h.id() + "/tokens/" + h.patId()).then()
                .statusCode(204);
        given().auth().oauth2(h.pat()).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(org().adminToken()).get("/api/v1/users/" + h.id() + "/tokens").then().body("", hasSize(0));
        given().auth().oauth2(org().adminToken()).delete("/api/v1/users/" + h.id() + "/tokens/" + h.patId()).then()
                .statusCode(404);
        // another organisation's admin sees and revokes nothing here
        TestClient.Org other = TestClient.newOrg("cred-other");
        given().auth().oauth2(other.adminToken()).get("/api/v1/users/" + org().adminUserId() + "/tokens").then()
                .statusCode(404);
        JsonPath rows = given().auth().oauth2(org().adminToken()).queryParam("resourceId", h.patId())
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("revoke", "issue"), rows.getList("items.operation"));
        assertEquals(org().adminUserId(), rows.getString("items[0].actor.userId"));
        assertEquals(h.id(), rows.getString("items[0].summary.userId"));
        assertEquals(h.id(), rows.getString("items[1].actor.userId"));
    }

    @Test
    void everyAdminChangeOfAnAccountIsAuditedWithItsActor() {
        Holder h = holder();
        TestClient.setPassword(org(), h.id(), "second password");
        Object admin = TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = 'ADMIN'", org().id());
        given().auth().oauth2(org().adminToken()).put("/api/v1/roles/" + admin + "/members/" + h.id()).then()
                .statusCode(204);
        given().auth().oauth2(org().adminToken()).delete("/api/v1/roles/" + admin + "/members/" + h.id()).then()
                .statusCode(204);
        given().auth().oauth2(org().adminToken()).delete("/api/v1/users/" + h.id()).then().statusCode(204);
        List<Object> actors = TestClient.sqlList("""
                select operation || ':' || actor_kind || ':' || coalesce(actor_user_id::text, '-') from audit_events
                 where org_id = ?::uuid and (resource_id = ? or summary->>'userId' = ?) and outcome = 'success'
                   and actor_kind <> 'ANONYMOUS' order by id""", org().id(), h.id(), h.id());
        String by = ":PERSONAL_ACCESS_TOKEN:" + org().adminUserId();
        assertTrue(actors.containsAll(List.of("set-password" + by, "add-member" + by, "remove-member" + by,
                "delete" + by)), actors.toString());
        JsonPath reset = given().auth().oauth2(org().adminToken()).queryParam("resourceId", h.id())
                .queryParam("operation", "set-password").get("/api/v1/audit").then().extract().jsonPath();
        assertEquals(1, reset.getInt("items[0].summary.tokensRevoked"));
    }

    @Test
    void removingAdminTakesEffectOnTheNextRequestOfAnySession() {
        Holder h = holder();
        Object admin = TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = 'ADMIN'", org().id());
        given().auth().oauth2(org().adminToken()).put("/api/v1/roles/" + admin + "/members/" + h.id()).then()
                .statusCode(204);
        given().auth().oauth2(h.session()).get("/api/v1/users").then().statusCode(200);
        given().auth().oauth2(org().adminToken()).delete("/api/v1/roles/" + admin + "/members/" + h.id()).then()
                .statusCode(204);
        given().auth().oauth2(h.session()).get("/api/v1/users").then().statusCode(403);
        given().auth().oauth2(h.pat()).get("/scim/v2/Users").then().statusCode(403);
    }

    @Test
    void lastUsedAtIsWrittenOnUseAtMostOnceAMinute() {
        Holder h = holder();
        given().auth().oauth2(h.pat()).get("/api/v1/me").then().statusCode(200);
        Object first = TestClient.sqlValue("select last_used_at from access_tokens where id = ?::uuid", h.patId());
        assertNotNull(first);
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(h.pat()).get("/api/v1/me").then().statusCode(200);
        }
        assertEquals(first, TestClient.sqlValue("select last_used_at from access_tokens where id = ?::uuid",
                h.patId()), "no write per request");
        TestClient.sql("update access_tokens set last_used_at = now() - interval '2 minutes' where id = ?::uuid",
                h.patId());
        // stamped when the token is checked in the database: once its cached check is older than
        // scim.auth-cache.max-age (2 s in tests)
        sleep(2_100);
        given().auth().oauth2(h.pat()).get("/api/v1/me").then().statusCode(200);
        assertTrue((Boolean) TestClient.sqlValue(
                "select last_used_at > now() - interval '30 seconds' from access_tokens where id = ?::uuid", h.patId()));
        given().auth().oauth2(h.session()).get("/api/v1/tokens").then().statusCode(200)
                .body("find { it.id == '" + h.patId() + "' }.lastUsedAt", notNullValue());
        // a revoked token is not stamped
        TestClient.credentialSql("update access_tokens set revoked_at = now(), last_used_at = null where id = ?::uuid",
                h.patId());
        given().auth().oauth2(h.pat()).get("/api/v1/me").then().statusCode(401);
        assertEquals(null, TestClient.sqlValue("select last_used_at from access_tokens where id = ?::uuid",
                h.patId()));
    }

    @Test
    void theSchemaKeepsMembershipsAndTokensInsideTheirOrganisation() {
        TestClient.Org other = TestClient.newOrg("cred-fk");
        String mine = TestClient.newUser(org().id(), "fk-" + UUID.randomUUID() + "@example.com");
        Object theirRole = TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = 'ADMIN'",
                other.id());
        // a query that forgets org_id cannot link a user to another organisation's role, under either org_id
        for (String orgId : List.of(org().id(), other.id())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestClient.sql(
                    "insert into memberships (role_id, user_id, org_id) values (?::uuid, ?::uuid, ?::uuid)",
                    theirRole.toString(), mine, orgId));
            assertTrue(e.getCause().getMessage().contains("foreign key"), e.getCause().getMessage());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestClient.sql("""
                insert into access_tokens (id, org_id, user_id, token_hash, created)
                values (gen_random_uuid(), ?::uuid, ?::uuid, '\\x00', now())""", other.id(), mine));
        assertTrue(e.getCause().getMessage().contains("foreign key"), e.getCause().getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
