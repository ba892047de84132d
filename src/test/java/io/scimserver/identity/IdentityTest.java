package io.scimserver.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One function for identity, through HTTP: userNames and role names that differ only by white space, composition,
 * compatibility forms, invisible or bidi characters name the same thing or are refused; names that imitate the system
 * roles are refused; every spelling that finds an account counts on its login-throttle key. (JSON bodies carry the
 * nasty characters as {@code \\uXXXX} escapes.)
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class IdentityTest {

    TestClient.Org org() {
        return TestClient.orgOf(getClass());
    }

    Scim scim() {
        return new Scim(org());
    }

    private Response createUser(String userNameJson) {
        return scim().request().body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + userNameJson + "\"}")
                .post("/scim/v2/Users");
    }

    /** {@code s} as JSON string content, everything outside printable ASCII as a {@code \\uXXXX} escape. */
    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return out.toString();
    }

    private Response createGroup(String displayNameJson) {
        return scim().request().body("{\"schemas\":[\"" + Scim.GROUP + "\"],\"displayName\":\"" + displayNameJson
                + "\"}").post("/scim/v2/Groups");
    }

    @Test
    void userNamesThatLookAlikeCannotCoexist() {
        String domain = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String id = createUser("ana.l\\u00f3pez" + domain).then().statusCode(201).extract().path("id");
        for (String same : List.of("ana.l\\u00f3pez" + domain + " ", "ana.l\\u00f3pez" + domain + "\\t",
                "\\u00a0ana.l\\u00f3pez" + domain, "ana.lo\\u0301pez" + domain, "ANA.L\\u00d3PEZ" + domain)) {
            createUser(same).then().statusCode(409).body("scimType", equalTo("uniqueness"));
        }
        createUser("\\uff41na.l\\u00f3pez" + domain).then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("fullwidth"));
        createUser("ana.l\\u00f3pez\\u200b" + domain).then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("invisible character (U+200B)"));
        createUser("\\u202eana.l\\u00f3pez" + domain).then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("bidirectional control character (U+202E)"));
        assertEquals(1L, TestClient.sqlValue("select count(*) from users where org_id = ?::uuid and user_name like ?",
                org().id(), "%" + domain + "%"));
        // what is stored and shown is the canonical form: NFC, trimmed, case as sent
        String trimmed = createUser(" new.user" + domain + "\\t").then().statusCode(201)
                .body("userName", equalTo("new.user" + domain)).extract().path("id");
        scim().request().get("/scim/v2/Users/" + trimmed).then().body("userName", equalTo("new.user" + domain));
        scim().request().get("/scim/v2/Users/" + id).then().body("userName", equalTo("ana.l\u00f3pez" + domain));
    }

    @Test
    void namesImitatingTheSystemRolesAreRefused() {
        for (String name : List.of("ADMIN ", "\\uff21\\uff24\\uff2d\\uff29\\uff2e", "Public", "\\u00a0ADMIN\\u00a0")) {
            createGroup(name).then().statusCode(409).body("scimType", equalTo("uniqueness"))
                    .body("detail", containsString("system role"));
        }
        createGroup("PUBLIC\\u200b").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        for (String name : List.of(" ADMIN\u00a0", "\uff41\uff44\uff4d\uff49\uff4e", "public")) {
            given().auth().oauth2(org().adminToken()).contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/v1/roles").then().statusCode(409);
        }
        String group = scim().createGroup("Engineering " + UUID.randomUUID());
        scim().patch("/scim/v2/Groups/" + group, "[{\"op\":\"replace\",\"path\":\"displayName\","
                + "\"value\":\"\\uff30\\uff35\\uff22\\uff2c\\uff29\\uff23\"}]").then().statusCode(409);
        List<String> names = given().auth().oauth2(org().adminToken()).get("/api/v1/roles").then().statusCode(200)
                .extract().path("name");
        assertEquals(1, names.stream().filter(n -> Identifiers.imitates(n, "ADMIN")).count(), names.toString());
        assertEquals(1, names.stream().filter(n -> Identifiers.imitates(n, "PUBLIC")).count(), names.toString());
    }

    @Test
    void groupNamesAreCanonicalAndCompareAlike() {
        String name = "Caf\u00e9 " + UUID.randomUUID();
        createGroup(" Cafe\\u0301 " + name.substring(5) + "\\t").then().statusCode(201)
                .body("displayName", equalTo(name));
        createGroup(escaped(name.toUpperCase())).then().statusCode(409).body("scimType", equalTo("uniqueness"));
    }

    @Test
    void meShowsTheSourceOfEveryRole() {
        String group = scim().createGroup("Source " + UUID.randomUUID());
        scim().patch("/scim/v2/Groups/" + group, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + org().adminUserId() + "\"}]}]").then().statusCode(204);
        given().auth().oauth2(org().adminToken()).get("/api/v1/me").then().statusCode(200)
                .body("roles.find { it.name == 'ADMIN' }.source", equalTo("SYSTEM"))
                .body("roles.find { it.name == 'PUBLIC' }.source", equalTo("SYSTEM"))
                .body("roles.find { it.id == '" + group + "' }.source", equalTo("PROVISIONED"))
                .body("roles.source", hasItems("SYSTEM", "PROVISIONED"));
    }

    /**
     * Five failed logins as the account's own spelling, then the right password under another spelling that the
     * lookup resolves to the same account: it must meet the same counter (429), never a fresh one.
     */
    @Test
    void everySpellingOfAnAccountSharesItsLoginThrottle() {
        String domain = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Map<String, String> spellings = Map.of("kiki" + domain, "k\u0130ki" + domain, // Turkish dotted capital I
                "\u03bf\u03b4\u03bf\u03c3" + domain, "\u039f\u0394\u039f\u03a3" + domain, // Greek, capital sigma
                "stra\u00dfe" + domain, "STRA\u1e9eE" + domain, // German capital sharp s
                "jos\u00e9" + domain, " JOSE\u0301" + domain + "\t"); // decomposed accent, white space
        for (Map.Entry<String, String> s : spellings.entrySet()) {
            String id = createUser(escaped(s.getKey())).then().statusCode(201).extract().path("id");
            TestClient.setPassword(org(), id, "the right password");
            String address = TestClient.newAddress();
            for (int i = 0; i < 5; i++) {
                TestClient.login(org().name(), s.getKey(), "a wrong password", address).then().statusCode(401);
            }
            TestClient.login(org().name(), s.getValue(), "the right password", address).then().statusCode(429);
        }
        // the dotless i is another letter: another name, no account, refused like any unknown user
        TestClient.login(org().name(), "k\u0131k\u0131" + domain, "the right password", TestClient.newAddress())
                .then().statusCode(401);
        TestClient.login(org().name(), "kiki\u200b" + domain, "the right password", TestClient.newAddress())
                .then().statusCode(401);
    }

    @Test
    void keysAreWhatPostgresqlLowerGives() {
        for (String s : List.of("k\u0130ki", "STRA\u1e9eE", "\u039f\u0394\u039f\u03a3", "\u01c4EMAL", "\u00c9COLE",
                "\uff21\uff24\uff2d\uff29\uff2e", "\u0130STANBUL", "\u212aELVIN")) {
            assertEquals(TestClient.sqlValue("select lower(?)", s), Identifiers.key(s), s);
        }
    }
}
