package io.scimserver.scim.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Entra's userName probe into an organisation that no statistic knows yet (its users arrived after the last ANALYZE,
 * as in a tenant's first provisioning cycle) must use the userName index, not read every user of the organisation
 * through another index that leads with org_id: the page of a filter that matches at most one row is read in two
 * steps ({@link SelectiveFilters}), and org_id has no statistics (migration V8). BENCHMARKS.md, round 2.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class TenantStatisticsTest {

    /** The probe's page as ResourceQuery reads it for a {@link SelectiveFilters} filter. */
    static final String PROBE = """
            explain select u.id from (select u.* from users u
             where u.org_id = ?::uuid and u.deprovisioned_at is null and (lower(u.user_name) = lower(?)) offset 0) u
             order by u.created asc, u.id asc limit 100 offset 0""";

    @Test
    void aNewOrganisationsUserNameProbeUsesTheUserNameIndex() {
        TestClient.Org known = TestClient.newOrg("stats-known");
        addUsers(known.id(), "known", 5_000);
        TestClient.sql("analyze users");
        TestClient.Org fresh = TestClient.newOrg("stats-fresh");
        addUsers(fresh.id(), "fresh", 3_000);

        String plan = TestClient.sqlList(PROBE, fresh.id(), "fresh-2999@stats.example").stream()
                .map(Object::toString).collect(Collectors.joining("\n"));
        assertTrue(plan.contains("users_user_name_uk"), plan);
        assertFalse(plan.contains("users_display_name_idx"), plan);

        // and the service answers the probe from it
        given().auth().oauth2(fresh.adminToken()).queryParam("filter", "userName eq \"FRESH-2999@stats.example\"")
                .get("/scim/v2/Users").then().statusCode(200).body("totalResults", equalTo(1))
                .body("Resources[0].userName", equalTo("fresh-2999@stats.example"));
        assertEquals(List.of(0L), TestClient.sqlList("""
                select count(*) from pg_stats where tablename in ('users', 'roles') and attname = 'org_id'"""),
                "no statistics on org_id: every organisation is estimated alike");
    }

    private static void addUsers(String orgId, String prefix, int n) {
        TestClient.sql("""
                insert into users (id, org_id, user_name, display_name, active, attributes, version, created,
                                   last_modified)
                select gen_random_uuid(), ?::uuid, n.user_name, 'Person ' || n.i, true,
                       jsonb_build_object('userName', n.user_name, 'active', true), 1, now(), now()
                  from (select i, ? || '-' || i || '@stats.example' as user_name
                          from generate_series(0, ? - 1) i) n""", orgId, prefix, n);
    }
}
