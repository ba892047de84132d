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
 * either way: no old password, session or token, no role but PUBLIC.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class RevivalTest {

    static final String OLD_PASSWORD = "the old password";
    static final String NEW_PASSWORD = "the new password";

    enum ExternalId {
        SAME, DIFFERENT, MISSING
    }

    static Stream<Arguments> combinations() {
        return Stream.of(ExternalId.values()).flatMap(e -> Stream.of(true, false).flatMap(password -> Stream
                .of(true, false).map(roles -> Arguments.of(e, password, roles))));
    }

    @ParameterizedTest(name = "externalId {0}, password in the create {1}, had ADMIN and a local role {2}")
    @MethodSource("combinations")
    void aCreateOfADeprovisionedUserNameGrantsNothingOfTheOldAccount(ExternalId externalId, boolean password,
            boolean roles) {
        TestClient.Org org = TestClient.orgOf(getClass());
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
