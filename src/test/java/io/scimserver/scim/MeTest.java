package io.scimserver.scim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimserver.testing.MemberTokens;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /scim/v2/Me} (RFC 7644 §3.11): any authenticated user, admin or not, with a personal access token or a
 * session, reads their own User exactly as {@code GET /Users/{id}} shows it; nothing else is reachable through it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class MeTest {

    private static final Map<Class<?>, MemberTokens.Member> MEMBERS = new ConcurrentHashMap<>();

    TestClient.Org org() {
        return TestClient.orgOf(getClass());
    }

    MemberTokens.Member member() {
        return MEMBERS.computeIfAbsent(getClass(), c -> MemberTokens.newMember(TestClient.orgOf(c)));
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(Scim.SCIM_JSON);
    }

    @Test
    void aMemberReadsTheirOwnUserAsGetUsersIdShowsIt() {
        MemberTokens.Member m = member();
        Response byId = new Scim(org()).request().get("/scim/v2/Users/" + m.userId());
        byId.then().statusCode(200);
        for (String token : new String[] { m.token(), m.session() }) {
            Response me = as(token).get("/scim/v2/Me");
            me.then().log().ifValidationFails().statusCode(200).contentType(startsWith(Scim.SCIM_JSON))
                    .body("id", equalTo(m.userId())).body("userName", equalTo(m.userName()))
                    .body("meta.location", equalTo(byId.path("meta.location")))
                    .body("meta.location", containsString("/scim/v2/Users/" + m.userId()));
            assertEquals(byId.jsonPath().getMap(""), me.jsonPath().getMap(""), "the same representation");
            assertEquals(byId.header("ETag"), me.header("ETag"));
            assertEquals(byId.path("meta.location"), me.header("Content-Location"));
        }
    }

    @Test
    void anAdminReadsTheirOwnUserToo() {
        as(org().adminToken()).get("/scim/v2/Me").then().statusCode(200).body("id", equalTo(org().adminUserId()));
    }

    @Test
    void meTakesAttributesExcludedAttributesAndIfNoneMatch() {
        MemberTokens.Member m = member();
        as(m.token()).queryParam("attributes", "userName").get("/scim/v2/Me").then().statusCode(200)
                .body("id", equalTo(m.userId())).body("userName", equalTo(m.userName()))
                .body("emails", nullValue()).body("name", nullValue());
        as(m.token()).queryParam("excludedAttributes", "emails").get("/scim/v2/Me").then().statusCode(200)
                .body("emails", nullValue()).body("name.givenName", equalTo("Test"));
        as(m.token()).queryParam("attributes", "emails[type eq \"work\"].value").get("/scim/v2/Me").then()
                .statusCode(200).body("emails[0].value", equalTo(m.userName())).body("emails[0].type", nullValue());
        String etag = as(m.token()).get("/scim/v2/Me").then().statusCode(200).extract().header("ETag");
        as(m.token()).header("If-None-Match", etag).get("/scim/v2/Me").then().statusCode(304)
                .header("ETag", equalTo(etag));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            /scim/v2/me
            /SCIM/V2/ME
            /scim/v2/Me/
            """)
    void meInAnyCase(String path) {
        as(member().token()).get(path).then().statusCode(200).body("id", equalTo(member().userId()));
    }

    /** method | status | a fragment of the detail; and the user is unchanged. */
    @ParameterizedTest(name = "{0} /Me")
    @CsvSource(delimiter = '|', textBlock = """
            PUT    | 501 | PUT /scim/v2/Me is not supported
            PATCH  | 501 | PATCH /scim/v2/Me is not supported
            POST   | 501 | POST /scim/v2/Me is not supported
            DELETE | 403 | DELETE /scim/v2/Me is refused
            """)
    void writesThroughMeAreRefusedClearly(String method, int status, String detail) {
        MemberTokens.Member m = member();
        String before = as(m.token()).get("/scim/v2/Me").then().statusCode(200).extract().header("ETag");
        String body = method.equals("PATCH")
                ? "{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\","
                        + "\"value\":\"Me\"}]}"
                : "{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + m.userName() + "\",\"displayName\":\"Me\"}";
        for (String token : new String[] { m.token(), org().adminToken() }) {
            RequestSpecification r = as(token);
            if (!method.equals("DELETE")) {
                r = r.body(body);
            }
            r.request(method, "/scim/v2/Me").then().log().ifValidationFails().statusCode(status)
                    .contentType(startsWith(Scim.SCIM_JSON))
                    .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .body("status", equalTo(Integer.toString(status)))
                    .body("detail", containsString(detail));
        }
        as(m.token()).get("/scim/v2/Me").then().statusCode(200).header("ETag", equalTo(before))
                .body("displayName", nullValue());
    }

    @Test
    void theWriteRefusalsSayWhatToDoInstead() {
        String detail = as(member().token()).body("{}").put("/scim/v2/Me").then().statusCode(501).extract()
                .path("detail");
        assertTrue(detail.contains("identity provider") && detail.contains("/scim/v2/Users/{id}"), detail);
    }

    @Test
    void meOpensNothingElseToAMember() {
        MemberTokens.Member m = member();
        as(m.token()).get("/scim/v2/Users/" + m.userId()).then().statusCode(403);
        as(m.token()).get("/scim/v2/Users").then().statusCode(403);
        as(m.token()).get("/scim/v2/Groups").then().statusCode(403);
        as(m.token()).get("/scim/v2/ServiceProviderConfig").then().statusCode(403);
    }

    @Test
    void meNeedsAValidToken() {
        given().get("/scim/v2/Me").then().statusCode(401).contentType(startsWith(Scim.SCIM_JSON));
        given().auth().oauth2("scim_" + "A".repeat(43)).get("/scim/v2/Me").then().statusCode(401);
        TestClient.Org other = TestClient.newOrg("me-deactivated");
        MemberTokens.Member gone = MemberTokens.newMember(other);
        as(gone.token()).get("/scim/v2/Me").then().statusCode(200);
        TestClient.setActive(gone.userId(), false);
        as(gone.token()).get("/scim/v2/Me").then().statusCode(401);
        as(gone.session()).get("/scim/v2/Me").then().statusCode(401);
    }
}
