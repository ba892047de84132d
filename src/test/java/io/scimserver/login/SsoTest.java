package io.scimserver.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import io.scimserver.testing.TestIdentityProvider;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SSO through HTTP: pasted keys (PEM, JWKS), keys discovered from an in-test OpenID provider that rotates its key,
 * account binding to the token's subject, the claim rules (nOAuth), tenants, skew, and answers that tell nothing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SsoTest {

    static final KeyPair RSA = generate("RSA");
    static final KeyPair EC = generate("EC");
    static TestClient.Org org;
    static TestIdentityProvider idp;

    @BeforeEach
    void organisation() {
        if (org == null) {
            org = TestClient.newOrg("sso");
            idp = new TestIdentityProvider();
        }
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.close();
            idp = null;
            org = null;
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

    /** A user of the organisation, and the subject its identity provider knows it by. */
    record Person(String userName, String id, String subject) {
        static Person create(String prefix) {
            String userName = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            return new Person(userName, TestClient.newUser(org.id(), userName), "sub-" + UUID.randomUUID());
        }
    }

    static void setProvider(Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(Map.of("issuer", issuer(), "audience", "scim-app"));
        body.putAll(settings);
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(body).put("/api/v1/sso")
                .then().statusCode(200).body("issuer", equalTo(body.get("issuer")));
    }

    static void setProvider(String keyField, String key) {
        setProvider(Map.of(keyField, key));
    }

    static JwtClaimsBuilder claims(Person p) {
        return Jwt.issuer(issuer()).audience("scim-app").subject(p.subject()).claim("preferred_username", p.userName())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }

    static String rsa(JwtClaimsBuilder claims, String kid) {
        return claims.jws().keyId(kid).algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());
    }

    static String ec(JwtClaimsBuilder claims, String kid) {
        return claims.jws().keyId(kid).algorithm(SignatureAlgorithm.ES256).sign(EC.getPrivate());
    }

    static Response sso(String idToken) {
        return sso(org.name(), idToken);
    }

    static Response sso(String organization, String idToken) {
        Map<String, Object> body = new HashMap<>();
        body.put("idToken", idToken);
        body.put("organization", organization);
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", TestClient.newAddress()).body(body)
                .post("/api/v1/login/sso");
    }

    /** Every refusal is the same 401 with the same text. */
    static void refused(Response r) {
        r.then().statusCode(401).body("message", equalTo(SsoLogin.REFUSED));
    }

    @Test
    void rsaPemProviderLogsTheUserIn() {
        setProvider("publicKeyPem", pem(RSA));
        Person p = Person.create("pem");
        String token = sso(rsa(claims(p), "any")).then().statusCode(200).body("expiresAt", notNullValue())
                .extract().path("token");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("id", equalTo(p.id()));
    }

    @Test
    void ecPemProviderLogsTheUserInAndRefusesRsaTokens() {
        setProvider("publicKeyPem", pem(EC));
        Person p = Person.create("ec");
        sso(ec(claims(p), "any")).then().statusCode(200);
        refused(sso(rsa(claims(p), "any")));
    }

    @Test
    void jwksProvidersForRsaAndEc() {
        Person p = Person.create("jwks");
        setProvider("jwks", jwks(RSA, "rsa-1"));
        sso(rsa(claims(p), "rsa-1")).then().statusCode(200);
        setProvider("jwks", jwks(EC, "ec-1"));
        sso(ec(claims(p), "ec-1")).then().statusCode(200);
        refused(sso(rsa(claims(p), "rsa-1")));
    }

    @Test
    void jwksMayBeSentAsAJsonObject() {
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body("{\"issuer\":\"" + issuer() + "\",\"audience\":\"scim-app\",\"jwks\":" + jwks(RSA, "k") + "}")
                .put("/api/v1/sso").then().statusCode(200).body("keyType", equalTo("JWKS"));
        sso(rsa(claims(Person.create("jwks-object")), "k")).then().statusCode(200);
    }

    @Test
    void theFirstLoginBindsTheAccountToTheSubjectWhichDecidesFromThenOn() {
        setProvider("publicKeyPem", pem(RSA));
        Person p = Person.create("bind");
        sso(rsa(claims(p), "k")).then().statusCode(200);
        assertEquals("sub:" + p.subject(), TestClient.sqlValue("select sso_subject from users where id = ?::uuid",
                p.id()));
        // someone else whose preferred_username (or email) now says this userName does not take the account over
        refused(sso(rsa(claims(p).subject("sub-intruder"), "k")));
        // the bound subject signs in whatever its other claims say (a renamed UPN)
        String token = sso(rsa(claims(p).claim("preferred_username", "renamed@example.com"), "k")).then()
                .statusCode(200).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/me").then().body("id", equalTo(p.id()));
        // Entra's oid is the subject when present: stable across applications, unlike sub
        Person q = Person.create("oid");
        String oid = UUID.randomUUID().toString();
        sso(rsa(claims(q).claim("oid", oid), "k")).then().statusCode(200);
        sso(rsa(claims(q).subject("pairwise-sub-of-another-app").claim("oid", oid)
                .claim("preferred_username", "x@example.com"), "k")).then().statusCode(200);
    }

    /**
     * Which account a first login reaches, over the claims that could name it: the configured claim (default
     * preferred_username), email with or without email_verified, and the organisation's opt-in for unverified email.
     */
    @ParameterizedTest(name = "preferred_username={0} email={1} verified={2} trustUnverified={3} -> {4}")
    @CsvSource({
            "user,  none,  false, false, 200",
            "user,  other, false, false, 200",
            "none,  user,  false, false, 401",
            "none,  user,  true,  false, 200",
            "none,  user,  false, true,  200",
            "other, user,  false, false, 401",
            "other, user,  true,  false, 200",
            "none,  none,  true,  true,  401",
            "other, other, true,  true,  401" })
    void firstLoginClaimRules(String preferred, String email, boolean verified, boolean trustUnverified,
            int status) {
        setProvider(Map.of("publicKeyPem", pem(RSA), "trustUnverifiedEmail", trustUnverified));
        Person p = Person.create("claims");
        JwtClaimsBuilder c = Jwt.issuer(issuer()).audience("scim-app").subject(p.subject()).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)).claim("email_verified", verified);
        Map<String, String> values = Map.of("user", p.userName(), "other", "stranger-" + UUID.randomUUID()
                + "@example.com");
        if (!preferred.equals("none")) {
            c.claim("preferred_username", values.get(preferred));
        }
        if (!email.equals("none")) {
            c.claim("email", values.get(email));
        }
        Response r = sso(rsa(c, "k"));
        if (status == 200) {
            r.then().statusCode(200);
        } else {
            refused(r);
        }
        assertEquals(status == 200 ? 1L : 0L, TestClient.sqlValue(
                "select count(*) from users where id = ?::uuid and sso_subject is not null", p.id()));
    }

    @Test
    void theUserNameClaimIsConfigurable() {
        setProvider(Map.of("publicKeyPem", pem(RSA), "userClaim", "upn"));
        Person p = Person.create("upn");
        refused(sso(rsa(claims(p), "k")));
        sso(rsa(claims(p).claim("preferred_username", "other@example.com").claim("upn", p.userName()), "k"))
                .then().statusCode(200);
    }

    /** userClaim "email" does not reopen the unverified-email flaw: the email claim still needs email_verified. */
    @Test
    void emailAsTheUserNameClaimStillNeedsVerification() {
        setProvider(Map.of("publicKeyPem", pem(RSA), "userClaim", "email"));
        Person p = Person.create("email-claim");
        refused(sso(rsa(claims(p).claim("preferred_username", "other@example.com").claim("email", p.userName())
                .claim("email_verified", false), "k")));
        sso(rsa(claims(p).claim("preferred_username", "other@example.com").claim("email", p.userName())
                .claim("email_verified", true), "k")).then().statusCode(200);
    }

    @Test
    void invalidTokensAreRefusedAlike() {
        setProvider("publicKeyPem", pem(RSA));
        Person p = Person.create("invalid");
        Instant now = Instant.now();
        refused(sso(rsa(claims(p).issuedAt(now.minusSeconds(900)).expiresAt(now.minusSeconds(600)), "k")));
        // the skew is 30 seconds: 45 s past exp, or an iat 2 minutes ahead, is refused
        refused(sso(rsa(claims(p).issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(45)), "k")));
        refused(sso(rsa(claims(p).issuedAt(now.plusSeconds(120)).expiresAt(now.plusSeconds(600)), "k")));
        refused(sso(rsa(claims(p).claim("nbf", now.plusSeconds(120).getEpochSecond()), "k")));
        refused(sso(rsa(claims(p).audience("another-app"), "k")));
        refused(sso(rsa(claims(p).issuer("https://evil.example/"), "k")));
        String good = rsa(claims(p), "k");
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace(p.userName(), "admin@" + org.name() + ".example");
        refused(sso(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2]));
        PrivateKey stranger = generate("RSA").getPrivate();
        refused(sso(claims(p).jws().algorithm(SignatureAlgorithm.RS256).sign(stranger)));
        refused(sso(claims(p).jws().algorithm(SignatureAlgorithm.HS256).sign(io.smallrye.jwt.util.KeyUtils
                .createSecretKeyFromSecret("a-shared-secret-that-is-long-enough-0123456789"))));
        refused(sso("not-a-jwt"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/login/sso").then().statusCode(400);
        // 25 s past exp is within the skew
        sso(rsa(claims(p).issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(25)), "k")).then()
                .statusCode(200);
    }

    @Test
    void anUnknownOrganisationOrIssuerAnswersLikeARefusedToken() {
        setProvider("publicKeyPem", pem(RSA));
        Person p = Person.create("alike");
        String token = rsa(claims(p), "k");
        TestClient.Org without = TestClient.newOrg("sso-none");
        List<Response> answers = List.of(sso("no-such-org-" + UUID.randomUUID(), token), sso(without.name(), token),
                sso(rsa(claims(p).issuer("https://unknown.example/"), "k")), sso(rsa(claims(p).audience("x"), "k")));
        for (Response r : answers) {
            refused(r);
            assertEquals(answers.get(0).asString(), r.asString());
        }
    }

    @Test
    void organisationsMayTrustOneIssuerAndNeitherReachesTheOther() {
        setProvider("publicKeyPem", pem(RSA));
        TestClient.Org other = TestClient.newOrg("sso-other");
        // no global issuer namespace: the other organisation may trust the same issuer (no 409, no oracle)
        given().contentType(ContentType.JSON).auth().oauth2(other.adminToken())
                .body(Map.of("issuer", issuer(), "audience", "other-app", "publicKeyPem", pem(RSA)))
                .put("/api/v1/sso").then().statusCode(200);
        Person p = Person.create("mine");
        String mine = rsa(claims(p), "k");
        refused(sso(other.name(), mine)); // its audience is not ours, and our users are not its users
        String otherAdmin = "admin@" + other.name() + ".example";
        refused(sso(rsa(Jwt.issuer(issuer()).audience("scim-app").subject("s-" + UUID.randomUUID())
                .claim("preferred_username", otherAdmin).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)), "k")));
        sso(mine).then().statusCode(200);
    }

    @Test
    void keysComeFromTheIssuersOpenIdConfigurationAndSurviveRotation() throws Exception {
        String tenant = UUID.randomUUID().toString();
        setProvider(Map.of("issuer", idp.issuer(), "tenantId", tenant));
        given().auth().oauth2(org.adminToken()).get("/api/v1/sso").then().statusCode(200)
                .body("keyType", equalTo("DISCOVERY")).body("tenantId", equalTo(tenant))
                .body("userClaim", equalTo("preferred_username"));
        Person p = Person.create("discovery");
        java.util.function.Supplier<JwtClaimsBuilder> claims = () -> claims(p).issuer(idp.issuer())
                .claim("tid", tenant);
        sso(idp.sign(claims.get())).then().statusCode(200);
        refused(sso(idp.sign(claims.get().claim("tid", UUID.randomUUID().toString())))); // a foreign tenant
        refused(sso(idp.sign(claims(p).issuer(idp.issuer())))); // no tid at all
        refused(sso(idp.sign(claims.get().audience("another-app"))));

        // tokens naming unknown kids make the service fetch the keys again, but at most once per interval (1 s here)
        int before = idp.keyFetches();
        for (int i = 0; i < 10; i++) {
            refused(sso(idp.signWithKid(claims.get(), "made-up-" + i)));
        }
        assertTrue(idp.keyFetches() - before <= 2, "fetches for 10 unknown kids: " + (idp.keyFetches() - before));

        // the provider rotates its key: the next token has a kid the cache does not hold, and signs in
        idp.rotate();
        Thread.sleep(1100);
        sso(idp.sign(claims.get())).then().statusCode(200);
    }

    @Test
    void multiTenantAndMalformedIssuersAreRefused() {
        for (String issuer : List.of("https://login.microsoftonline.com/common/v2.0",
                "https://login.microsoftonline.com/organizations/v2.0", "https://login.microsoftonline.com/consumers/v2.0",
                "https://login.microsoftonline.com/{tenantid}/v2.0", "ftp://idp.example/", "not a url")) {
            given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                    .body(Map.of("issuer", issuer, "audience", "a", "publicKeyPem", pem(RSA))).put("/api/v1/sso")
                    .then().statusCode(400);
        }
    }

    @Test
    void anEntraIssuerNamesItsTenantAndTokensOfOtherTenantsAreRefused() {
        String tenant = UUID.randomUUID().toString();
        String entra = "https://login.microsoftonline.com/" + tenant + "/v2.0";
        setProvider(Map.of("issuer", entra, "publicKeyPem", pem(RSA)));
        given().auth().oauth2(org.adminToken()).get("/api/v1/sso").then().body("tenantId", equalTo(tenant));
        Person p = Person.create("entra");
        refused(sso(rsa(claims(p).issuer(entra).claim("tid", UUID.randomUUID().toString()), "k")));
        sso(rsa(claims(p).issuer(entra).claim("tid", tenant), "k")).then().statusCode(200);
        given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("issuer", entra, "audience", "a", "publicKeyPem", pem(RSA), "tenantId", "another"))
                .put("/api/v1/sso").then().statusCode(400);
    }

    @Test
    void ssoIsThrottledPerAddressAndRefusalsAreCountedNotRecorded() {
        setProvider("publicKeyPem", pem(RSA));
        String address = TestClient.newAddress();
        long rowsBefore = ((Number) TestClient.sqlValue(
                "select count(*) from audit_events where org_id = ?::uuid and resource_type = 'Session'", org.id()))
                .longValue();
        String forged = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.";
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("organization", org.name(), "idToken", forged + "attacker-text-" + i))
                    .post("/api/v1/login/sso").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("organization", org.name(), "idToken", rsa(claims(Person.create("late")), "k")))
                .post("/api/v1/login/sso").then().statusCode(429).header("Retry-After", notNullValue());
        assertEquals(rowsBefore, ((Number) TestClient.sqlValue(
                "select count(*) from audit_events where org_id = ?::uuid and resource_type = 'Session'", org.id()))
                .longValue());
        assertEquals(0L, TestClient.sqlValue("select count(*) from audit_events where summary::text like ?",
                "%attacker-text%"));
        given().auth().oauth2(org.adminToken()).get("/api/v1/audit/login-refusals").then().statusCode(200)
                .body("find { it.method == 'sso' }.refused", greaterThanOrEqualTo(20))
                .body("find { it.method == 'sso' }.throttled", greaterThanOrEqualTo(1));
    }

    @Test
    void settingTheProviderIsForAdminsWithValidSettings() {
        setProvider("publicKeyPem", pem(RSA));
        String session = sso(rsa(claims(Person.create("plain")), "k")).path("token");
        given().contentType(ContentType.JSON).auth().oauth2(session)
                .body(Map.of("issuer", "https://x.example", "audience", "a", "publicKeyPem", pem(RSA)))
                .put("/api/v1/sso").then().statusCode(403);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("issuer", "https://x.example", "audience", "a", "publicKeyPem", "not a key"),
                Map.of("issuer", "https://x.example", "audience", "a", "jwks", "{\"keys\":[]}"),
                Map.of("issuer", "https://x.invalid", "audience", "a"), // no key and no discovery
                Map.of("issuer", "https://x.example", "audience", "a", "publicKeyPem", pem(RSA), "jwks",
                        jwks(RSA, "k")),
                Map.of("issuer", "https://x.example", "audience", "a", "publicKeyPem", pem(RSA), "userClaim",
                        "bad claim name"),
                Map.of("audience", "a", "publicKeyPem", pem(RSA)))) {
            given().contentType(ContentType.JSON).auth().oauth2(org.adminToken()).body(bad).put("/api/v1/sso")
                    .then().statusCode(400);
        }
        given().auth().oauth2(org.adminToken()).get("/api/v1/sso").then().statusCode(200)
                .body("issuer", equalTo(issuer()));
    }
}
