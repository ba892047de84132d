package io.scimserver.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin console over HTTP, as a browser without JavaScript uses it: sign-in, the cookie's flags, CSRF and ADMIN
 * refusals, every page's content, the Secret Token working for SCIM, product rules refusing local edits, sign-out.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class ConsoleTest {

    static final String PASSWORD = "Console-Test-Pass-42";

    private ConsoleSession admin() {
        return ConsoleSession.admin(TestClient.orgOf(getClass()), PASSWORD);
    }

    @Test
    void withoutACookieEveryConsolePageRedirectsToSignIn() {
        for (String path : new String[] { "/console", "/console/connect", "/console/users", "/console/nothing" }) {
            given().redirects().follow(false).get(path).then().statusCode(303)
                    .header("Location", equalTo("/console/login"));
        }
        given().redirects().follow(false).cookie(ConsoleSession.COOKIE, "not.a.token").get("/console/users")
                .then().statusCode(303).header("Location", equalTo("/console/login"));
        // a bearer token is no console credential, and the console's cookie is no API credential
        TestClient.Org org = TestClient.orgOf(getClass());
        given().redirects().follow(false).auth().oauth2(org.adminToken()).get("/console/users").then().statusCode(303);
        given().cookie(ConsoleSession.COOKIE, admin().cookie()).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void signInSetsAHardenedCookieAndLandsOnConnect() {
        TestClient.Org org = TestClient.orgOf(getClass());
        String userName = ConsoleSession.newAdmin(org, PASSWORD);
        Response r = ConsoleSession.signIn(org.name(), userName, PASSWORD);
        r.then().statusCode(303).header("Location", equalTo("/console/connect"));
        String setCookie = r.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleSession.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
        assertTrue(!setCookie.contains("Secure"), "plain http: no Secure flag, or the browser would drop it");
        given().cookie(ConsoleSession.COOKIE, r.getCookie(ConsoleSession.COOKIE)).get("/console/connect").then()
                .statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Cache-Control", "no-store")
                .body(containsString("/scim/v2?aadOptscim062020"))
                .body(not(containsString("<script>")));
    }

    @Test
    void aSessionEndsWhenItsUserLeavesAdminOrIsDeactivated() {
        TestClient.Org org = TestClient.orgOf(getClass());
        ConsoleSession s = admin();
        String userId = TestClient.sqlValue("""
                select u.id::text from users u where u.org_id = ?::uuid and u.user_name like 'console-%'
                order by u.created desc limit 1""", java.util.UUID.fromString(org.id())).toString();
        String adminRole = TestClient.sqlValue("select id::text from roles where org_id = ?::uuid and name = 'ADMIN'",
                java.util.UUID.fromString(org.id())).toString();
        s.request().get("/console/users").then().statusCode(200);
        given().auth().oauth2(org.adminToken()).delete("/api/v1/roles/" + adminRole + "/members/" + userId).then()
                .statusCode(204);
        s.request().get("/console/users").then().statusCode(303).header("Location", equalTo("/console/login"));
        s.form().formParam("label", "x").post("/console/connect/tokens").then().statusCode(303);

        ConsoleSession other = admin();
        String otherId = TestClient.sqlValue("""
                select u.id::text from users u where u.org_id = ?::uuid and u.user_name like 'console-%'
                order by u.created desc limit 1""", java.util.UUID.fromString(org.id())).toString();
        TestClient.setActive(otherId, false);
        other.request().get("/console/connect").then().statusCode(303).header("Location", equalTo("/console/login"));
    }

    @Test
    void aWrongPasswordIsRefusedLikeTheApiAndAuditedNowhere() {
        TestClient.Org org = TestClient.orgOf(getClass());
        Response r = ConsoleSession.signIn(org.name(), "admin@" + org.name() + ".example", "wrong-password-123");
        r.then().statusCode(401).body(containsString("invalid userName or password"));
        assertEquals(null, r.getCookie(ConsoleSession.COOKIE));
    }

    @Test
    void aUserWhoIsNotAdminCannotSignIn() {
        TestClient.Org org = TestClient.orgOf(getClass());
        String userId = TestClient.newUser(org.id(), "plain@" + org.name() + ".example");
        TestClient.setPassword(org, userId, PASSWORD);
        Response r = ConsoleSession.signIn(org.name(), "plain@" + org.name() + ".example", PASSWORD);
        r.then().statusCode(403).body(containsString("ADMIN"));
        assertEquals(null, r.getCookie(ConsoleSession.COOKIE));
    }

    @Test
    void aSignInFormWithoutItsCsrfCookieIsRefused() {
        TestClient.Org org = TestClient.orgOf(getClass());
        given().redirects().follow(false).formParam("userName", "admin@" + org.name() + ".example")
                .formParam("password", PASSWORD).formParam("csrf", "guess").post("/console/login")
                .then().statusCode(403);
    }

    @Test
    void theSecretTokenIsShownOnceAndWorksForScim() {
        ConsoleSession s = admin();
        String page = s.form().formParam("label", "entra-test").formParam("expires", "never")
                .post("/console/connect/tokens").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("id=\"secret-token\">(scim_[A-Za-z0-9_-]+)<").matcher(page);
        assertTrue(m.find(), page);
        String secret = m.group(1);
        given().auth().oauth2(secret).accept(Scim.SCIM_JSON).get("/scim/v2/Users?filter=userName eq \"nobody\"")
                .then().statusCode(200).body("totalResults", equalTo(0));
        String again = s.request().get("/console/connect").then().statusCode(200).extract().asString();
        assertTrue(again.contains("entra-test"), "the token is listed");
        assertTrue(!again.contains(secret), "the secret is never rendered twice");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndDoesNothing() {
        ConsoleSession s = admin();
        Object before = TestClient.sqlValue("select count(*) from access_tokens where org_id = ?::uuid",
                java.util.UUID.fromString(TestClient.orgOf(getClass()).id()));
        s.request().formParam("csrf", "forged").formParam("label", "x").post("/console/connect/tokens")
                .then().statusCode(403);
        s.request().formParam("label", "x").post("/console/connect/tokens").then().statusCode(403);
        assertEquals(before, TestClient.sqlValue("select count(*) from access_tokens where org_id = ?::uuid",
                java.util.UUID.fromString(TestClient.orgOf(getClass()).id())));
    }

    @Test
    void signOutClearsTheCookie() {
        ConsoleSession s = admin();
        Response r = s.form().post("/console/logout");
        r.then().statusCode(303).header("Location", equalTo("/console/login?out"));
        String cleared = r.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleSession.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cleared.contains("Max-Age=0"), cleared);
        s.request().post("/console/logout").then().statusCode(403); // no CSRF token: nothing happens
    }

    @Test
    void assetsAndTheSignInPageArePublicAndNothingElseIs() {
        given().get("/console/assets/console.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/console/assets/console.js").then().statusCode(200)
                .contentType(containsString("javascript"));
        given().redirects().follow(false).get("/console/assets/other.js").then().statusCode(303);
    }

    @Test
    void usersPageListsProvisionedUsersWithTheirStateAndSearches() {
        TestClient.Org org = TestClient.orgOf(getClass());
        Scim scim = new Scim(org);
        String id = scim.createUser("listed-" + System.nanoTime() + "@example.com");
        String userName = scim.request().get("/scim/v2/Users/" + id).then().extract().path("userName");
        ConsoleSession s = admin();
        s.request().queryParam("q", userName).get("/console/users").then().statusCode(200)
                .body(containsString(userName)).body(containsString("SCIM")).body(containsString(">active<"))
                .body(containsString("1 user(s)"));
        scim.patch("/scim/v2/Users/" + id, "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")
                .then().statusCode(200);
        s.request().queryParam("q", userName).queryParam("state", "deactivated").get("/console/users").then()
                .statusCode(200).body(containsString(userName)).body(containsString(">deactivated<"));
        s.request().queryParam("q", userName).queryParam("state", "active").get("/console/users").then()
                .statusCode(200).body(not(containsString(">" + userName + "</a>")));
        s.request().queryParam("q", "%_\\").get("/console/users").then().statusCode(200)
                .body(containsString("0 user(s)"));
        s.request().get("/console/users/" + id).then().statusCode(200).body(containsString(userName))
                .body(containsString("id=\"user-state\">deactivated<")).body(containsString("givenName"))
                .body(containsString("create"));
    }

    @Test
    void aScimGroupIsLockedAgainstLocalEditsAndTheRefusalIsAudited() {
        TestClient.Org org = TestClient.orgOf(getClass());
        Scim scim = new Scim(org);
        String userId = scim.createUser("member-" + System.nanoTime() + "@example.com");
        String groupId = scim.createGroup("Locked Group " + System.nanoTime());
        scim.patch("/scim/v2/Groups/" + groupId, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + userId + "\"}]}]").then().statusCode(204);
        ConsoleSession s = admin();
        s.request().get("/console/roles").then().statusCode(200).body(containsString("Locked Group"))
                .body(containsString("SCIM group"));
        s.request().get("/console/roles/" + groupId).then().statusCode(200)
                .body(containsString("read-only: managed by SCIM")).body(not(containsString("/remove\"")));
        s.form().post("/console/roles/" + groupId + "/members/" + userId + "/remove").then().statusCode(409)
                .body(containsString("is managed by provisioning"));
        s.form().post("/console/users/" + userId + "/roles/" + groupId + "/revoke").then().statusCode(409)
                .body(containsString("is managed by provisioning"));
        assertEquals(2L, ((Number) TestClient.sqlValue("""
                select count(*) from audit_events where org_id = ?::uuid and resource_id = ? and outcome = 'failure'
                  and status = 409 and summary->>'request' like 'POST /console/%'""",
                java.util.UUID.fromString(org.id()), groupId)).longValue());
        given().auth().oauth2(org.adminToken()).get("/api/v1/roles").then().statusCode(200);
        Object members = TestClient.sqlValue("select count(*) from memberships where role_id = ?::uuid",
                java.util.UUID.fromString(groupId));
        assertEquals(1L, ((Number) members).longValue());
    }

    @Test
    void localRolesAreGrantedAndRevokedAndTheLastAdminRuleHolds() {
        TestClient.Org org = TestClient.newOrg("console-roles");
        ConsoleSession s = admin(org);
        s.form().formParam("name", "Auditors").post("/console/roles").then().statusCode(303)
                .header("Location", equalTo("/console/roles?done=created"));
        String roleId = TestClient.sqlValue("select id::text from roles where org_id = ?::uuid and name = 'Auditors'",
                java.util.UUID.fromString(org.id())).toString();
        String userId = TestClient.newUser(org.id(), "someone@" + org.name() + ".example");
        s.form().formParam("role", roleId).post("/console/users/" + userId + "/roles").then().statusCode(303);
        s.request().get("/console/roles/" + roleId).then().statusCode(200).body(containsString("someone@"));
        s.form().post("/console/users/" + userId + "/roles/" + roleId + "/revoke").then().statusCode(303);
        s.request().get("/console/roles/" + roleId).then().body(containsString("Members (0)"));
        // the organisation's first admin cannot be deleted while... the console admin may delete it: two admins exist.
        // Deleting oneself is refused by AdminGuard, whatever the number of admins.
        String me = TestClient.sqlValue("""
                select u.id::text from users u where u.org_id = ?::uuid and u.user_name like 'console-%'""",
                java.util.UUID.fromString(org.id())).toString();
        s.form().formParam("confirm", "yes").post("/console/users/" + me + "/delete").then().statusCode(409)
                .body(containsString("yourself"));
        s.form().post("/console/users/" + userId + "/delete").then().statusCode(400)
                .body(containsString("confirm"));
        s.form().formParam("confirm", "yes").post("/console/users/" + userId + "/delete").then().statusCode(303)
                .header("Location", equalTo("/console/users?done=deleted"));
        s.request().get("/console/users/" + userId).then().statusCode(404);
    }

    @Test
    void activityShowsTheScimErrorOfARefusedWriteAndFailuresFirst() {
        TestClient.Org org = TestClient.orgOf(getClass());
        String taken = "taken-" + System.nanoTime() + "@example.com";
        new Scim(org).createUser(taken);
        new Scim(org).request().body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + taken + "\"}")
                .post("/scim/v2/Users").then().statusCode(409);
        ConsoleSession s = admin();
        String page = s.request().queryParam("outcome", "failure").get("/console/activity").then().statusCode(200)
                .body(containsString("<svg")).body(containsString("uniqueness: "))
                .body(containsString(taken)).extract().asString();
        assertTrue(page.indexOf("<option value=\"failure\"") < page.indexOf("<option value=\"success\""));
        assertTrue(!page.contains(">success<"), "only failures");
        s.request().get("/console/connect").then().body(containsString("Last SCIM write"));
    }

    @Test
    void anAdminSeesAndRevokesAnotherUsersTokenOnItsPage() {
        TestClient.Org org = TestClient.orgOf(getClass());
        ConsoleSession other = admin();
        String page = other.form().formParam("label", "other-admins-token").formParam("expires", "30")
                .post("/console/connect/tokens").then().statusCode(200).extract().asString();
        assertTrue(page.contains("in 30 days") && page.contains("secret-token"), "issued with an expiry");
        String otherId = TestClient.sqlValue("""
                select user_id::text from access_tokens where org_id = ?::uuid and label = 'other-admins-token'""",
                java.util.UUID.fromString(org.id())).toString();
        String tokenId = TestClient.sqlValue("select id::text from access_tokens where label = 'other-admins-token'"
                + " and user_id = ?::uuid", java.util.UUID.fromString(otherId)).toString();
        ConsoleSession s = admin();
        s.request().get("/console/users/" + otherId).then().statusCode(200)
                .body(containsString("other-admins-token")).body(not(containsString("scim_")));
        s.form().post("/console/users/" + otherId + "/tokens/" + tokenId + "/revoke").then().statusCode(303);
        assertTrue(TestClient.sqlValue("select revoked_at from access_tokens where id = ?::uuid",
                java.util.UUID.fromString(tokenId)) != null);
        s.request().get("/console/activity?object=Token&hours=1").then().statusCode(200)
                .body(containsString("revoke")).body(containsString("other-admins-token"));
    }

    @Test
    void settingsShowSsoAndLimitsReadOnly() {
        ConsoleSession s = admin();
        s.request().get("/console/settings").then().statusCode(200).body(containsString("Not configured"))
                .body(containsString("scim.rate-limit.org-per-second")).body(not(containsString("<form method=\"post\" action=\"/console/settings")));
    }

    private static ConsoleSession admin(TestClient.Org org) {
        return ConsoleSession.admin(org, PASSWORD);
    }
}
