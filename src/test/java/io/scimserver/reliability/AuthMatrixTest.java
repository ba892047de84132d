package io.scimserver.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every way a credential can be wrong, against every SCIM and API endpoint that needs one, each answered 401, 403 or
 * 404 with an error body that carries none of the victim organisation's data (ids, userNames, group names) and no
 * class name or stack trace.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AuthMatrixTest {

    record Endpoint(String method, String path, String body, boolean admin, boolean addressesAnObject) {
    }

    record Credential(String name, UnaryOperator<RequestSpecification> auth, int status) {
    }

    @Test
    void everyEndpointRefusesEveryBadCredentialWithoutLeakingData() {
        TestClient.Org victim = TestClient.newOrg("victim");
        Scim scim = new Scim(victim);
        String userName = "secret-person@victim.example";
        String userId = scim.createUser(userName);
        String groupName = "Secret Project";
        String groupId = scim.createGroup(groupName);
        String tokenId = TestClient.sqlValue("select id::text from access_tokens where user_id = ?::uuid",
                victim.adminUserId()).toString();
        String roleId = TestClient.sqlValue("select id::text from roles where org_id = ?::uuid and name = 'PUBLIC'",
                victim.id()).toString();
        List<String> secrets = List.of(userName, userId, groupName, groupId, victim.adminUserId(), tokenId, roleId,
                victim.adminToken(), victim.name());

        // a real session token of the victim's admin, then tampered with
        given().auth().oauth2(victim.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("password", "Correct-Horse-9")).put("/api/v1/users/" + victim.adminUserId() + "/password")
                .then().statusCode(204);
        String session = given().contentType(ContentType.JSON).body(Map.of("organization", victim.name(), "userName",
                "admin@" + victim.name() + ".example", "password", "Correct-Horse-9")).post("/api/v1/login")
                .then().statusCode(200).extract().path("token");
        given().auth().oauth2(session).get("/api/v1/me").then().log().ifValidationFails().statusCode(200);
        // the password change revoked the admin's token: the session issues the one the matrix uses
        String victimToken = given().auth().oauth2(session).contentType(ContentType.JSON).body(Map.of("label", "m"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");

        TestClient.Org other = TestClient.newOrg("attacker");
        TestClient.Org expired = TestClient.newOrg("expired");
        TestClient.sql("update access_tokens set expires_at = now() - interval '1 second' where user_id = ?::uuid",
                expired.adminUserId());
        TestClient.Org revoked = TestClient.newOrg("revoked");
        TestClient.sql("update access_tokens set revoked_at = now() where user_id = ?::uuid", revoked.adminUserId());
        TestClient.Org inactive = TestClient.newOrg("inactive");
        TestClient.sql("update users set active = false where id = ?::uuid", inactive.adminUserId());
        TestClient.Org notAdmin = TestClient.newOrg("notadmin");
        TestClient.sql("delete from memberships m using roles r where r.id = m.role_id and r.name = 'ADMIN'"
                + " and m.user_id = ?::uuid", notAdmin.adminUserId());

        List<Credential> credentials = List.of(
                new Credential("no token", r -> r, 401),
                new Credential("Basic instead of Bearer", r -> r.header("Authorization", "Basic YWRtaW46YWRtaW4="), 401),
                new Credential("empty Bearer", r -> r.header("Authorization", "Bearer "), 401),
                new Credential("garbage", r -> r.header("Authorization", "Bearer x' or '1'='1"), 401),
                new Credential("unknown token", r -> r.auth().oauth2("scim_" + "A".repeat(43)), 401),
                new Credential("token with one character changed", r -> r.auth().oauth2(flipLast(victimToken)), 401),
                new Credential("session JWT with a tampered payload", r -> r.auth().oauth2(tamperPayload(session)), 401),
                new Credential("session JWT with a tampered signature", r -> r.auth().oauth2(flipSignature(session)), 401),
                new Credential("session JWT with alg none", r -> r.auth().oauth2(algNone(session)), 401),
                new Credential("expired token", r -> r.auth().oauth2(expired.adminToken()), 401),
                new Credential("revoked token", r -> r.auth().oauth2(revoked.adminToken()), 401),
                new Credential("owner deactivated", r -> r.auth().oauth2(inactive.adminToken()), 401),
                new Credential("operator token", r -> r.auth().oauth2(TestClient.OPERATOR_TOKEN), 401),
                new Credential("owner not ADMIN", r -> r.auth().oauth2(notAdmin.adminToken()), 403),
                new Credential("another organisation's admin", r -> r.auth().oauth2(other.adminToken()), 404));

        String user = "/scim/v2/Users/" + userId;
        String group = "/scim/v2/Groups/" + groupId;
        String patch = "{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\","
                + "\"value\":\"pwned\"}]}";
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/scim/v2/Users", null, true, false),
                new Endpoint("POST", "/scim/v2/Users", "{\"userName\":\"intruder@x.example\"}", true, false),
                new Endpoint("POST", "/scim/v2/Users/.search", "{\"filter\":\"userName pr\"}", true, false),
                new Endpoint("GET", user, null, true, true),
                new Endpoint("PUT", user, "{\"userName\":\"" + userName + "\",\"title\":\"pwned\"}", true, true),
                new Endpoint("PATCH", user, patch, true, true),
                new Endpoint("DELETE", user, null, true, true),
                new Endpoint("GET", "/scim/v2/Groups", null, true, false),
                new Endpoint("POST", "/scim/v2/Groups", "{\"displayName\":\"Intruders\"}", true, false),
                new Endpoint("POST", "/scim/v2/Groups/.search", "{}", true, false),
                new Endpoint("GET", group, null, true, true),
                new Endpoint("PUT", group, "{\"displayName\":\"pwned\"}", true, true),
                new Endpoint("PATCH", group, patch.replace("title", "displayName"), true, true),
                new Endpoint("DELETE", group, null, true, true),
                new Endpoint("GET", "/scim/v2/ServiceProviderConfig", null, true, false),
                // endpoint names in any case (issue 17): the same check as their canonical spelling
                new Endpoint("GET", "/scim/v2/users", null, true, false),
                new Endpoint("GET", "/SCIM/V2/USERS/" + userId, null, true, true),
                new Endpoint("PATCH", "/scim/v2/users/" + userId, patch, true, true),
                new Endpoint("GET", "/scim/v2/serviceproviderconfig", null, true, false),
                // the caller's own User: any valid token, admin or not
                new Endpoint("GET", "/scim/v2/Me", null, false, false),
                new Endpoint("PATCH", "/scim/v2/me", patch, false, false),
                // another organisation's admin gets 200 with a 404 per operation: the snapshot proves nothing changed
                new Endpoint("POST", "/scim/v2/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                        + "\"Operations\":[{\"method\":\"PATCH\",\"path\":\"" + user.substring("/scim/v2".length())
                        + "\",\"data\":" + patch + "},{\"method\":\"DELETE\",\"path\":\""
                        + group.substring("/scim/v2".length()) + "\"}]}", true, false),
                new Endpoint("GET", "/scim/v2/Schemas", null, true, false),
                new Endpoint("GET", "/scim/v2/ResourceTypes", null, true, false),
                new Endpoint("GET", "/api/v1/users", null, true, false),
                new Endpoint("PUT", "/api/v1/users/" + userId + "/password", "{\"password\":\"Intruder-Pass-1\"}", true, true),
                new Endpoint("DELETE", "/api/v1/users/" + userId, null, true, true),
                new Endpoint("GET", "/api/v1/roles", null, true, false),
                new Endpoint("POST", "/api/v1/roles", "{\"name\":\"Intruders\"}", true, false),
                new Endpoint("DELETE", "/api/v1/roles/" + roleId, null, true, true),
                new Endpoint("PUT", "/api/v1/roles/" + roleId + "/members/" + userId, null, true, true),
                new Endpoint("DELETE", "/api/v1/roles/" + roleId + "/members/" + userId, null, true, true),
                new Endpoint("GET", "/api/v1/sso", null, true, false),
                new Endpoint("PUT", "/api/v1/sso", "{\"issuer\":\"https://evil.example\",\"audience\":\"x\"}", true, false),
                new Endpoint("GET", "/api/v1/me", null, false, false),
                new Endpoint("GET", "/api/v1/tokens", null, false, false),
                new Endpoint("POST", "/api/v1/tokens", "{\"label\":\"intruder\"}", false, false),
                new Endpoint("DELETE", "/api/v1/tokens/" + tokenId, null, false, true));

        String before = snapshot(victim.id());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Credential c : credentials) {
            for (Endpoint e : endpoints) {
                Integer expected = expected(c, e);
                if (expected == null) {
                    continue;
                }
                RequestSpecification r = c.auth().apply(given().contentType(e.path().startsWith("/scim")
                        ? Scim.SCIM_JSON : "application/json"));
                if (e.body() != null) {
                    r = r.body(e.body());
                }
                Response response = r.request(e.method(), e.path());
                String body = response.asString();
                checked++;
                String where = c.name() + " -> " + e.method() + " " + e.path() + ": ";
                if (response.statusCode() != expected) {
                    failures.add(where + "expected " + expected + ", got " + response.statusCode() + " " + abbreviate(body));
                }
                for (String s : secrets) {
                    // the caller's own path is echoed in a 404 detail: that is not the victim's data
                    if (body.contains(s) && !e.path().contains(s)) {
                        failures.add(where + "the body leaks " + s);
                    }
                }
                if (body.contains("Exception") || body.contains("\tat ")) {
                    failures.add(where + "the body has a stack trace or class name");
                }
                if (response.getHeader("Server") != null || response.getHeader("X-Powered-By") != null) {
                    failures.add(where + "a server banner: " + response.getHeader("Server"));
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " checks failed:\n" + String.join("\n", failures));
        assertEquals(before, snapshot(victim.id()), "a refused request changed the victim's data");
        assertTrue(checked > 400, "only " + checked + " combinations checked");
        // and the legitimate credential still works, so the refusals above are about the credential
        given().auth().oauth2(victimToken).get(user).then().statusCode(200);
        given().auth().oauth2(session).get("/api/v1/me").then().statusCode(200);
    }

    /** The expected status of a credential on an endpoint, or null where it is not a refusal. */
    private static Integer expected(Credential c, Endpoint e) {
        return switch (c.status()) {
            case 401 -> 401;
            case 403 -> e.admin() ? 403 : null;      // a non-admin may read its own account and tokens
            case 404 -> e.addressesAnObject() ? 404 : null; // on lists, another org sees its own data (leak checked)
            default -> throw new IllegalStateException();
        };
    }

    private static String snapshot(String orgId) {
        return String.valueOf(TestClient.sqlValue("""
                select md5(concat_ws('|',
                  (select string_agg(concat(id, version, user_name, active, attributes, password_hash), ',' order by id) from users where org_id = ?::uuid),
                  (select string_agg(concat(id, version, name, attributes), ',' order by id) from roles where org_id = ?::uuid),
                  (select string_agg(concat(role_id, user_id), ',' order by role_id, user_id) from memberships where org_id = ?::uuid),
                  (select string_agg(concat(id, revoked_at), ',' order by id) from access_tokens where org_id = ?::uuid),
                  (select count(*)::text from sso_providers where org_id = ?::uuid)))""", orgId, orgId, orgId, orgId, orgId));
    }

    private static String flipLast(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /**
     * Changes the first character of the signature. (Not the last: its low bits are base64 padding, so flipping it
     * between, say, 'A' and 'B' can leave the decoded signature, and so its validity, unchanged.)
     */
    private static String flipSignature(String token) {
        int at = token.lastIndexOf('.') + 1;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    private static String tamperPayload(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":9999999999");
        assertFalse(changed.equals(payload), "the session token has no exp claim to tamper with");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static String algNone(String jwt) {
        String[] parts = jwt.split("\\.");
        return Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
