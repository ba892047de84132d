package io.scimserver.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An organisation keeps an active ADMIN whatever two admins do to each other at the same moment: A and B, the only
 * two, each try to remove the other, at once, by every path that can (SCIM PATCH/PUT {@code active:false}, SCIM
 * DELETE, the admin API's ADMIN membership removal and user deletion). Exactly one may win; the other is refused (409,
 * or 401/403 when the winner's change already ended its access), and one active ADMIN is left. Each scenario is
 * repeated {@link #ROUNDS} times, each round in a new organisation. A's requests go to {@link #instances()} 0, B's to 1:
 * in this JVM test both are the application under test; {@code LastAdminRaceIT} makes them two packaged applications
 * on one database, so the lock that decides must be PostgreSQL's.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class LastAdminRaceTest {

    static final int ROUNDS = 6;
    private static final Set<Integer> REFUSED = Set.of(401, 403, 409);

    /** Base URLs of the instances: A's requests go to the first, B's to the second. */
    protected List<String> instances() throws Exception {
        String self = RestAssured.baseURI + ":" + RestAssured.port;
        return List.of(self, self);
    }

    /** What one admin does to the other. */
    private interface Removal {
        Response apply(RequestSpecification as, Round round, String victim);
    }

    private static final Removal DEACTIVATE = (as, r, victim) -> as.contentType(Scim.SCIM_JSON)
            .body("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\","
                    + "\"value\":\"False\"}]}").patch("/scim/v2/Users/" + victim);
    private static final Removal REPLACE_INACTIVE = (as, r, victim) -> as.contentType(Scim.SCIM_JSON)
            .body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + r.userNames.get(victim)
                    + "\",\"active\":false}").put("/scim/v2/Users/" + victim);
    private static final Removal DEPROVISION = (as, r, victim) -> as.delete("/scim/v2/Users/" + victim);
    private static final Removal REMOVE_FROM_ADMIN = (as, r, victim) -> as
            .delete("/api/v1/roles/" + r.adminRole + "/members/" + victim);
    private static final Removal DELETE_LOCALLY = (as, r, victim) -> as.delete("/api/v1/users/" + victim);

    @Test
    void adminsDeactivatingEachOtherThroughScimLeaveOne() throws Exception {
        race("SCIM PATCH active false / SCIM PATCH active false", DEACTIVATE, DEACTIVATE);
    }

    @Test
    void scimDeleteAgainstScimPutLeavesOne() throws Exception {
        race("SCIM DELETE / SCIM PUT active false", DEPROVISION, REPLACE_INACTIVE);
    }

    @Test
    void adminRoleRemovalAgainstScimDeactivationLeavesOne() throws Exception {
        race("DELETE /api/v1/roles/ADMIN/members / SCIM PATCH active false", REMOVE_FROM_ADMIN, DEACTIVATE);
    }

    @Test
    void localDeletionAgainstScimDeleteLeavesOne() throws Exception {
        race("DELETE /api/v1/users / SCIM DELETE", DELETE_LOCALLY, DEPROVISION);
    }

    /** Two admins of a new organisation: A (its first admin) and B (provisioned, then made ADMIN), with tokens. */
    private record Round(TestClient.Org org, String a, String b, String tokenA, String tokenB, String adminRole,
            Map<String, String> userNames) {
    }

    private static Round round() {
        TestClient.Org org = TestClient.newOrg("race");
        String userNameB = "b-" + UUID.randomUUID() + "@race.example";
        String b = new Scim(org).createUser(userNameB);
        String adminRole = TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = 'ADMIN'",
                org.id()).toString();
        given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + adminRole + "/members/" + b).then()
                .statusCode(204);
        TestClient.setPassword(org, b, "race condition password");
        String session = TestClient.login(org.name(), userNameB, "race condition password", TestClient.newAddress())
                .then().statusCode(200).extract().path("token");
        String tokenB = given().auth().oauth2(session).contentType(ContentType.JSON).body(Map.of("label", "race"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        String userNameA = (String) TestClient.sqlValue("select user_name from users where id = ?::uuid",
                org.adminUserId());
        return new Round(org, org.adminUserId(), b, org.adminToken(), tokenB, adminRole,
                Map.of(org.adminUserId(), userNameA, b, userNameB));
    }

    /** Runs {@link #ROUNDS} rounds of A doing {@code byA} to B while B does {@code byB} to A, through two instances. */
    private void race(String scenario, Removal byA, Removal byB) throws Exception {
        List<String> urls = instances();
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            Round r = round();
            List<Integer> statuses = ConcurrencyTest.concurrently(2, side -> side == 0
                    ? byA.apply(as(urls.get(0), r.tokenA()), r, r.b()).statusCode()
                    : byB.apply(as(urls.get(1), r.tokenB()), r, r.a()).statusCode());
            long activeAdmins = ((Number) TestClient.sqlValue("""
                    select count(*) from memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id
                    where r.id = ?::uuid and u.active""", r.adminRole())).longValue();
            long refused = statuses.stream().filter(REFUSED::contains).count();
            if (activeAdmins < 1 || refused != 1 || statuses.stream().anyMatch(s -> s >= 500)) {
                broken.add("round " + i + ": A " + statuses.get(0) + ", B " + statuses.get(1) + ", active ADMINs left "
                        + activeAdmins);
            }
        }
        Figures.write("last-admin-race-" + scenario.replaceAll("[^A-Za-z]+", "-").toLowerCase() + ".txt",
                "%s, %d rounds through %s: %d broken %s%n".formatted(scenario, ROUNDS,
                        urls.get(0).equals(urls.get(1)) ? "one instance" : "two instances", broken.size(), broken));
        assertTrue(broken.isEmpty(), scenario + ": exactly one removal must win and one active ADMIN stay; " + broken);
    }

    private static RequestSpecification as(String baseUrl, String token) {
        return given().baseUri(baseUrl).port(-1).auth().oauth2(token).accept(ContentType.ANY);
    }
}
