package io.scimserver.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimserver.testing.TestClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's console session for RestAssured tests: sign in through the form, then send the cookie and CSRF token. */
public record ConsoleSession(String cookie, String csrf) {

    static final String COOKIE = "scim_console";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** The sign-in form's answer for these credentials (not followed). */
    static Response signIn(String organization, String userName, String password) {
        Response form = given().get("/console/login");
        form.then().statusCode(200);
        String token = csrfOf(form.asString());
        return given().redirects().follow(false).cookie("scim_console_login", form.getCookie("scim_console_login"))
                .formParam("organization", organization).formParam("userName", userName)
                .formParam("password", password).formParam("csrf", token).post("/console/login");
    }

    /**
     * Signs in a new member of the organisation's ADMIN role, made through the admin API with {@code password} (a new
     * one each time: setting the password of the organisation's first admin would revoke the test's admin token).
     */
    public static ConsoleSession admin(TestClient.Org org, String password) {
        String userName = newAdmin(org, password);
        Response r = signIn(org.name(), userName, password);
        assertEquals(303, r.statusCode(), r.asString());
        String cookie = r.getCookie(COOKIE);
        assertNotNull(cookie);
        return new ConsoleSession(cookie, csrfOf(given().cookie(COOKIE, cookie).get("/console/connect").asString()));
    }

    /** A new user of the organisation, member of ADMIN, with this password; returns its userName. */
    static String newAdmin(TestClient.Org org, String password) {
        String userName = "console-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@" + org.name()
                + ".example";
        String userId = TestClient.newUser(org.id(), userName);
        String adminRole = TestClient.sqlValue("select id::text from roles where org_id = ?::uuid and name = 'ADMIN'",
                java.util.UUID.fromString(org.id())).toString();
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + adminRole + "/members/" + userId).then()
                .statusCode(204);
        TestClient.setPassword(org, userId, password);
        return userName;
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookie(COOKIE, cookie);
    }

    /** A form post with this session's CSRF token. */
    RequestSpecification form() {
        return request().formParam("csrf", csrf);
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in: " + html);
        }
        return m.group(1);
    }
}
