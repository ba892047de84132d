package io.scimserver.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SsoTest {

    static final KeyPair RSA = generate("RSA");
    static final KeyPair EC = generate("EC");
    static TestClient.Org org;
    static String userName;
    static String userId;

    @BeforeEach
    void organisation() {
        if (org == null) {
            org = TestClient.newOrg("sso");
            userName = "sso-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            userId = TestClient.newUser(org.id(), userName);
        }
    }

    static KeyPair generate(String type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type);
            if (type.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String jwks(KeyPair keys, String kid) {
        try {
            JsonWebKey jwk = keys.getPublic() instanceof RSAPublicKey rsa ? new RsaJsonWebKey(rsa)
                    : new EllipticCurveJsonWebKey((ECPublicKey) keys.getPublic());
            jwk.setKeyId(kid);
            return new JsonWebKeySet(jwk).toJson();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String issuer() {
        return "https://idp.example/" + org.id();
    }

    static void setProvider(String keyField, String key) {
        Map<String, Object> body = new HashMap<>(Map.of("issuer", issuer(), "audience", "scim-app"));
        body.put(keyField, key);
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(body).put("/api/v1/sso")
                .then().statusCode(200).body("issuer", equalTo(issuer()));
    }

    static JwtClaimsBuilder claims() {
        return Jwt.issuer(issuer()).audience("scim-app").subject("idp-subject").claim("email", userName)
                .expiresAt(Instant.now().plusSeconds(300));
    }

    static String rsa(JwtClaimsBuilder claims, String kid) {
        return claims.jws().keyId(kid).algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());
    }

    static String ec(JwtClaimsBuilder claims, String kid) {
        return claims.jws().keyId(kid).algorithm(SignatureAlgorithm.ES256).sign(EC.getPrivate());
    }

    static Response sso(String idToken) {
        return given().contentType(ContentType.JSON).body(Map.of("idToken", idToken)).post("/api/v1/login/sso");
    }

    @Test
    void rsaPemProviderLogsTheUserIn() {
        setProvider("publicKeyPem", pem(RSA));
        String token = sso(rsa(claims(), "any")).then().statusCode(200).body("expiresAt", notNullValue())
                .extract().path("token");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("id", equalTo(userId));
    }

    @Test
    void ecPemProviderLogsTheUserInAndRefusesRsaTokens() {
        setProvider("publicKeyPem", pem(EC));
        sso(ec(claims(), "any")).then().statusCode(200);
        sso(rsa(claims(), "any")).then().statusCode(401);
    }

    @Test
    void jwksProvidersForRsaAndEc() {
        setProvider("jwks", jwks(RSA, "rsa-1"));
        sso(rsa(claims(), "rsa-1")).then().statusCode(200);
        setProvider("jwks", jwks(EC, "ec-1"));
        sso(ec(claims(), "ec-1")).then().statusCode(200);
        sso(rsa(claims(), "rsa-1")).then().statusCode(401);
    }

    @Test
    void jwksMayBeSentAsAJsonObject() {
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body("{\"issuer\":\"" + issuer() + "\",\"audience\":\"scim-app\",\"jwks\":" + jwks(RSA, "k") + "}")
                .put("/api/v1/sso").then().statusCode(200).body("keyType", equalTo("JWKS"));
        sso(rsa(claims(), "k")).then().statusCode(200);
    }

    @Test
    void usersMatchByPreferredUsernameOrUpnToo() {
        setProvider("publicKeyPem", pem(RSA));
        sso(rsa(Jwt.issuer(issuer()).audience("scim-app").subject("s").claim("preferred_username", userName)
                .expiresAt(Instant.now().plusSeconds(300)), "k")).then().statusCode(200);
        sso(rsa(Jwt.issuer(issuer()).audience("scim-app").subject("s").claim("email", "other@example.com")
                .claim("upn", userName.toUpperCase()).expiresAt(Instant.now().plusSeconds(300)), "k"))
                .then().statusCode(200);
    }

    @Test
    void invalidTokensAre401() {
        setProvider("publicKeyPem", pem(RSA));
        sso(rsa(claims().expiresAt(Instant.now().minusSeconds(600)).issuedAt(Instant.now().minusSeconds(900)), "k"))
                .then().statusCode(401);
        sso(rsa(claims().audience("another-app"), "k")).then().statusCode(401);
        sso(rsa(claims().issuer("https://evil.example/"), "k")).then().statusCode(401)
                .body("message", containsString("issuer"));
        String good = rsa(claims(), "k");
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace(userName, "admin@" + org.name() + ".example");
        sso(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2]).then().statusCode(401);
        PrivateKey stranger = generate("RSA").getPrivate();
        sso(claims().jws().algorithm(SignatureAlgorithm.RS256).sign(stranger)).then().statusCode(401);
        sso(claims().jws().algorithm(SignatureAlgorithm.HS256).sign(io.smallrye.jwt.util.KeyUtils
                .createSecretKeyFromSecret("a-shared-secret-that-is-long-enough-0123456789"))).then().statusCode(401);
        sso("not-a-jwt").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/login/sso").then().statusCode(400);
    }

    @Test
    void unknownAndInactiveUsersAre401AndReactivationRestoresSso() {
        setProvider("publicKeyPem", pem(RSA));
        sso(rsa(claims().claim("email", "stranger@example.com"), "k")).then().statusCode(401);
        String inactiveName = "inactive-" + UUID.randomUUID() + "@example.com";
        String inactive = TestClient.newUser(org.id(), inactiveName);
        TestClient.setActive(inactive, false);
        sso(rsa(claims().claim("email", inactiveName), "k")).then().statusCode(401);
        TestClient.setActive(inactive, true);
        sso(rsa(claims().claim("email", inactiveName), "k")).then().statusCode(200);
    }

    @Test
    void anIssuerBelongsToOneOrganisation() {
        setProvider("publicKeyPem", pem(RSA));
        TestClient.Org other = TestClient.newOrg("sso-other");
        given().contentType(ContentType.JSON).auth().oauth2(other.adminToken())
                .body(Map.of("issuer", issuer(), "audience", "x", "publicKeyPem", pem(RSA)))
                .put("/api/v1/sso").then().statusCode(409).body("message", containsString("another organisation"));
        // a token of this issuer never logs anyone into the other organisation
        String otherUser = "admin@" + other.name() + ".example";
        sso(rsa(claims().claim("email", otherUser), "k")).then().statusCode(401);
    }

    @Test
    void settingTheProviderIsForAdminsWithValidKeys() {
        String session = sso(loginToken()).path("token");
        given().contentType(ContentType.JSON).auth().oauth2(session)
                .body(Map.of("issuer", "https://x.example", "audience", "a", "publicKeyPem", pem(RSA)))
                .put("/api/v1/sso").then().statusCode(403);
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(
                Map.of("issuer", "https://x.example", "audience", "a", "publicKeyPem", "not a key"),
                Map.of("issuer", "https://x.example", "audience", "a", "jwks", "{\"keys\":[]}"),
                Map.of("issuer", "https://x.example", "audience", "a"),
                Map.of("issuer", "https://x.example", "audience", "a", "publicKeyPem", pem(RSA), "jwks",
                        jwks(RSA, "k")),
                Map.of("audience", "a", "publicKeyPem", pem(RSA)))) {
            given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(bad).put("/api/v1/sso")
                    .then().statusCode(400);
        }
        given().auth().oauth2(org.adminToken()).get("/api/v1/sso").then().statusCode(200)
                .body("issuer", equalTo(issuer()));
    }

    private String loginToken() {
        setProvider("publicKeyPem", pem(RSA));
        return rsa(claims(), "k");
    }
}
