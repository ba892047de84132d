package io.scimserver.scim;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.7: a list of groups reads the members of its page in one statement and returns at most
 * {@code scim.limits.max-list-members} (10,000) of them in all; above it the list is refused naming
 * {@code excludedAttributes=members}, which still lists the groups.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class GroupListBoundTest {

    @Test
    void aPageOverTheMemberBoundIsRefusedNamingExcludedAttributes() {
        TestClient.Org org = TestClient.orgOf(getClass());
        Scim scim = new Scim(org);
        String small = scim.createGroup("Small");
        String big = scim.createGroup("Big");
        String user = scim.createUser("one@bound.example");
        scim.patch("/scim/v2/Groups/" + small, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user
                + "\"}]}]").then().statusCode(204);
        // 10,001 users in the big group, made by SQL (the API would take minutes)
        TestClient.sql("""
                insert into users (id, org_id, user_name, created, last_modified)
                select gen_random_uuid(), ?::uuid, 'bulk' || i || '@bound.example', now(), now()
                from generate_series(1, 10001) i""", org.id());
        TestClient.sql("""
                insert into memberships (role_id, user_id, org_id)
                select ?::uuid, id, org_id from users where org_id = ?::uuid and user_name like 'bulk%'""", big, org.id());
        scim.request().queryParam("filter", "displayName eq \"Small\"").get("/scim/v2/Groups")
                .then().statusCode(200).body("Resources[0].members", hasSize(1));
        scim.request().get("/scim/v2/Groups").then().statusCode(400).body("scimType", equalTo("tooMany"))
                .body("detail", containsString("excludedAttributes=members"));
        scim.request().queryParam("excludedAttributes", "members").get("/scim/v2/Groups").then().statusCode(200)
                .body("totalResults", equalTo(2));
        scim.request().get("/scim/v2/Groups/" + big).then().statusCode(200).body("members", hasSize(10001));
    }
}
