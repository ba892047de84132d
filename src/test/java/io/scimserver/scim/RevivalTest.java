package io.scimserver.scim;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Revival is not inheritance, over every combination: a deprovisioned account with a password, a session, a token and
 * (or not) ADMIN and a local role; then a create of its userName with the same, another or no externalId, with or
 * without a password. Only the same externalId revives the account (same id); nothing that granted access survives
 * either way: no old password, session or token, no role but PUBLIC; the old SSO subject signs in only to the same
 * person's revived account.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class RevivalTest {

    static final String OLD_PASSWORD = "the old password";
    static final String NEW_PASSWORD = "the new password";
    static final String ISSUER = "https://idp.example/revival";
    static final KeyPair KEYS = keys();
    static final java.util.Set<String> SSO_SET = new java.util.HashSet<>();

    static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    enum ExternalId {
        SAME, DIFFERENT, MISSING
    }

    static Stream<Arguments> combinations() {
        return Stream.of(ExternalId.values()).flatMap(e -> Stream.of(true, false).flatMap(password -> Stream
                .of(true, false).map(roles -> Arguments.of(e, password, roles))));
    }

    /** The organisation's SSO provider, a pasted key (set once, on the first test: RestAssured knows the port then). */
    static synchronized void ssoProvider(TestClient.Org org) {
        if (!SSO_SET.add(org.id())) {
            return;
        }
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("issuer", ISSUER, "audience", "app", "publicKeyPem", pem()))
                .put("/api/v1/sso").then().statusCode(200);
    }

    static String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static io.restassured.response.Response sso(TestClient.Org org, String userName, String subject) {
        String idToken = Jwt.issuer(ISSUER).audience("app").subject(subject).claim("preferred_username", userName)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).jws()
                .algorithm(SignatureAlgorithm.RS256).sign(KEYS.getPrivate());
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", TestClient.newAddress())
                .body(Map.of("organization", org.name(), "idToken", idToken)).post("/api/v1/login/sso");
    }

    @ParameterizedTest(name = "externalId {0}, password in the create {1}, had ADMIN and a local role {2}")
    @MethodSource("combinations")
    void aCreateOfADeprovisionedUserNameGrantsNothingOfTheOldAccount(ExternalId externalId, boolean password,
            boolean roles) {
        TestClient.Org org = TestClient.orgOf(getClass());
        ssoProvider(org);
        Scim scim = new Scim(org);
        String userName = "rev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String ext = "ext-" + UUID.randomUUID();
        String old = scim.request().body("""
                {"schemas":["%s"],"userName":"%s","externalId":"%s","password":"%s"}"""
                .formatted(Scim.USER, userName, ext, OLD_PASSWORD)).post("/scim/v2/Users").then().statusCode(201)
                .extract().path("id");
        if (roles) {
            Object admin = TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = 'ADMIN'",
                    org.id());
            String local = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                    .body(Map.of("name", "local-" + UUID.randomUUID())).post("/api/v1/roles").then().statusCode(201)
                    .extract().path("id");
            for (Object role : List.of(admin, local)) {
                given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + role + "/members/" + old).then()
                        .statusCode(204);
            }
        }
        String session = TestClient.login(org.name(), userName, OLD_PASSWORD, TestClient.newAddress()).then()
                .statusCode(200).extract().path("token");
        String subject = "subject-" + UUID.randomUUID();
        sso(org, userName, subject).then().statusCode(200); // binds the old account to its SSO subject
        String pat = given().contentType(ContentType.JSON).auth().oauth2(session).body(Map.of("label", "old"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        scim.request().delete("/scim/v2/Users/" + old).then().statusCode(204);

        StringBuilder create = new StringBuilder("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + userName
                + "\"");
        switch (externalId) {
            case SAME -> create.append(",\"externalId\":\"").append(ext).append('"');
            case DIFFERENT -> create.append(",\"externalId\":\"other-").append(ext).append('"');
            case MISSING -> {
            }
        }
        if (password) {
            create.append(",\"password\":\"").append(NEW_PASSWORD).append('"');
        }
        String id = scim.request().body(create.append('}').toString()).post("/scim/v2/Users").then().statusCode(201)
                .extract().path("id");

        boolean revived = externalId == ExternalId.SAME;
        if (revived) {
            assertEquals(old, id);
        } else {
            assertNotEquals(old, id);
            assertEquals(1L, TestClient.sqlValue("""
                    select count(*) from users where id = ?::uuid and deprovisioned_at is not null and not active""",
                    old), "the deprovisioned account stays as it was");
        }
        assertEquals(List.of("PUBLIC"), TestClient.sqlList("""
                select r.name from memberships m join roles r on r.id = m.role_id where m.user_id = ?::uuid""", id));
        TestClient.login(org.name(), userName, OLD_PASSWORD, TestClient.newAddress()).then().statusCode(401);
        TestClient.login(org.name(), userName, NEW_PASSWORD, TestClient.newAddress()).then()
                .statusCode(password ? 200 : 401);
        for (String credential : List.of(session, pat)) {
            given().auth().oauth2(credential).get("/api/v1/me").then().statusCode(401);
        }
        // the old SSO subject reaches the account only if it is the same person's, revived (and then binds afresh)
        sso(org, userName, subject).then().statusCode(revived ? 200 : 401);
        Map<String, Object> row = given().auth().oauth2(org.adminToken()).queryParam("resourceId", id)
                .queryParam("operation", "create").get("/api/v1/audit").then().statusCode(200).extract()
                .jsonPath().getMap("items[0].summary");
        if (revived) {
            assertEquals(true, row.get("revived"));
        } else {
            assertEquals(old, row.get("deprovisionedNamesake"));
        }
    }
}
