package io.scimserver.scim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** /scim/v2/Groups: Entra's group flows, members as set operations, and the role rules. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class GroupsTest {

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> users(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(scim().createUser(unique("member") + "@example.com"));
        }
        return ids;
    }

    private static String memberValues(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "{\"$ref\":null,\"value\":\"" + id + "\"}").toList());
    }

    @Test
    void entraCreatesAnEmptyGroupAfterAProbe() {
        String name = unique("Eng");
        scim().request().queryParam("excludedAttributes", "members").queryParam("filter", "displayName eq \"" + name + "\"")
                .get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(0));
        String id = scim().request().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                  "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"%s"}""".formatted(name))
                .post("/scim/v2/Groups")
                .then().statusCode(201)
                .contentType(startsWith("application/scim+json"))
                .header("Location", containsString("/scim/v2/Groups/"))
                .body("displayName", equalTo(name))
                .body("externalId", equalTo("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"))
                .body("members", hasSize(0))
                .body("meta.resourceType", equalTo("Group"))
                .extract().path("id");
        scim().request().queryParam("excludedAttributes", "members").queryParam("filter", "displayName eq \"" + name + "\"")
                .get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(id)).body("Resources[0].members", nullValue());
        assertEquals("PROVISIONED", TestClient.sqlValue("select source from roles where id = ?::uuid", id));
    }

    @Test
    void membersAreAddedAndRemovedInEveryEntraForm() {
        String group = scim().createGroup(unique("members"));
        List<String> ids = users(4);
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + memberValues(ids) + "]}]")
                .then().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + group).then().statusCode(200)
                .body("members.value", containsInAnyOrder(ids.toArray()));
        // without the flag: Remove + value list removes exactly those members
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + ids.get(0) + "\"}]}]")
                .then().statusCode(204);
        // with the flag: a value filter
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ids.get(1) + "\\\"]\"}]")
                .then().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + group).then()
                .body("members.value", containsInAnyOrder(ids.get(2), ids.get(3)));
        // the user side shows the group
        scim().request().get("/scim/v2/Users/" + ids.get(2)).then().body("groups.value", hasItem(group));
        scim().request().queryParam("filter", "members.value eq \"" + ids.get(3) + "\"").get("/scim/v2/Groups")
                .then().body("Resources.id", hasItem(group));
    }

    @Test
    void aListOfUsersShowsEachUsersGroupsInNameOrder() {
        List<String> ids = users(2);
        String zeta = scim().createGroup(unique("Zeta"));
        String alpha = scim().createGroup(unique("Alpha"));
        for (String group : List.of(zeta, alpha)) {
            scim().patch("/scim/v2/Groups/" + group, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + ids.get(0) + "\"}]}]").then().statusCode(204);
        }
        String filter = "id eq \"" + ids.get(0) + "\" or id eq \"" + ids.get(1) + "\"";
        scim().request().queryParam("filter", filter).queryParam("sortBy", "id").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(2))
                .body("Resources.find { it.id == '%s' }.groups.value".formatted(ids.get(0)), equalTo(List.of(alpha, zeta)))
                .body("Resources.find { it.id == '%s' }.groups[0].display".formatted(ids.get(0)), startsWith("Alpha-"))
                .body("Resources.find { it.id == '%s' }.groups[0].type".formatted(ids.get(0)), equalTo("direct"))
                .body("Resources.find { it.id == '%s' }.groups[0].$ref".formatted(ids.get(0)),
                        // the server's own address (not the Host header): 127.0.0.1 or ::1, whatever "localhost" reached
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.startsWith("http://"),
                                org.hamcrest.Matchers.endsWith(":" + io.restassured.RestAssured.port + "/scim/v2/Groups/"
                                        + alpha)))
                .body("Resources.find { it.id == '%s' }.groups".formatted(ids.get(1)), nullValue());
        // the second page of one: the groups are read for the rows of the page, around the OFFSET
        String second = ids.stream().sorted().toList().get(1); // uuid order is the order of their lowercase hex
        scim().request().queryParam("filter", filter).queryParam("sortBy", "id").queryParam("startIndex", 2)
                .queryParam("count", 1).get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(2)).body("Resources.id", equalTo(List.of(second)))
                .body("Resources[0].groups.value", second.equals(ids.get(0)) ? equalTo(List.of(alpha, zeta)) : nullValue());
        scim().request().queryParam("filter", filter).queryParam("attributes", "userName").get("/scim/v2/Users")
                .then().statusCode(200).body("Resources.userName", hasSize(2)).body("Resources.groups", everyItem(nullValue()));
    }

    @Test
    void addingAMemberTwiceIsANoOpThatKeepsTheVersion() {
        String group = scim().createGroup(unique("noop"));
        List<String> ids = users(1);
        String add = "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ids.get(0) + "\"}]}]";
        String first = scim().patch("/scim/v2/Groups/" + group, add).then().statusCode(204).extract().header("ETag");
        String second = scim().patch("/scim/v2/Groups/" + group, add).then().statusCode(204).extract().header("ETag");
        assertEquals(first, second);
    }

    @Test
    void unknownMemberIsRefusedAndNothingIsApplied() {
        String group = scim().createGroup(unique("unknown"));
        List<String> ids = users(1);
        String stranger = UUID.randomUUID().toString();
        scim().patch("/scim/v2/Groups/" + group, """
                [{"op":"replace","path":"displayName","value":"%s"},
                 {"op":"add","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]"""
                .formatted(unique("renamed"), ids.get(0), stranger))
                .then().statusCode(400)
                .body("scimType", equalTo("invalidValue"))
                .body("detail", containsString(stranger));
        assertEquals(0L, TestClient.sqlValue("select count(*) from memberships where role_id = ?::uuid", group));
        scim().request().get("/scim/v2/Groups/" + group).then().body("displayName", startsWith("unknown-"));
    }

    /**
     * Members are removed before the ones added are checked (in the statement that adds them): an unknown member
     * rolls the removals back too, for a PATCH and for a PUT, and the version stays.
     */
    @Test
    void anUnknownMemberAlsoUndoesTheRemovalsOfItsRequest() {
        String group = scim().createGroup(unique("undo"));
        List<String> ids = users(2);
        scim().patch("/scim/v2/Groups/" + group, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + ids.get(0) + "\"}]}]").then().statusCode(204);
        String etag = scim().request().get("/scim/v2/Groups/" + group).then().extract().header("ETag");
        String stranger = UUID.randomUUID().toString();
        scim().patch("/scim/v2/Groups/" + group, """
                [{"op":"remove","path":"members[value eq \\"%s\\"]"},
                 {"op":"add","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]"""
                .formatted(ids.get(0), ids.get(1), stranger))
                .then().statusCode(400).body("detail", containsString(stranger));
        scim().request().body("""
                {"schemas":["%s"],"displayName":"%s","members":[{"value":"%s"}]}"""
                .formatted(Scim.GROUP, unique("undo"), stranger))
                .put("/scim/v2/Groups/" + group).then().statusCode(400).body("detail", containsString(stranger));
        assertEquals(List.of(ids.get(0)), scim().request().get("/scim/v2/Groups/" + group).then().statusCode(200)
                .header("ETag", equalTo(etag)).extract().path("members.value"));
    }

    @Test
    void deprovisioningLeavesScimGroupsAndKeepsSystemAndLocalRoles() {
        TestClient.Org org = TestClient.orgOf(getClass());
        String group = scim().createGroup(unique("deprov"));
        String other = scim().createGroup(unique("deprov-other"));
        List<String> ids = users(2);
        String gone = ids.get(0);
        for (String g : List.of(group, other)) {
            scim().patch("/scim/v2/Groups/" + g, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":["
                    + memberValues(ids) + "]}]").then().statusCode(204);
        }
        String local = given().contentType(ContentType.JSON).auth().oauth2(org.adminToken())
                .body(Map.of("name", unique("Local"))).post("/api/v1/roles").then().statusCode(201).extract().path("id");
        Object admin = TestClient.sqlValue("select id from roles where org_id = ?::uuid and name = 'ADMIN'", org.id());
        for (Object role : List.of(local, admin)) {
            given().auth().oauth2(org.adminToken()).put("/api/v1/roles/" + role + "/members/" + gone)
                    .then().statusCode(204);
        }

        Map<String, String> etags = new java.util.HashMap<>();
        for (String g : List.of(group, other)) {
            etags.put(g, scim().request().get("/scim/v2/Groups/" + g).then().extract().header("ETag"));
        }
        scim().request().delete("/scim/v2/Users/" + gone).then().statusCode(204);
        // the groups it left changed: their versions, so their ETags, moved on
        for (String g : List.of(group, other)) {
            scim().request().header("If-None-Match", etags.get(g)).get("/scim/v2/Groups/" + g).then().statusCode(200)
                    .header("ETag", not(equalTo(etags.get(g))));
        }

        assertEquals(List.of("ADMIN", "LOCAL", "PUBLIC"), TestClient.sqlList("""
                select case r.source when 'LOCAL' then 'LOCAL' else r.name end from memberships m
                join roles r on r.id = m.role_id where m.user_id = ?::uuid order by 1""", gone));
        for (String g : List.of(group, other)) {
            scim().request().get("/scim/v2/Groups/" + g).then().statusCode(200)
                    .body("members.value", containsInAnyOrder(ids.get(1)));
        }
        scim().request().queryParam("filter", "members.value eq \"" + gone + "\"").get("/scim/v2/Groups")
                .then().statusCode(200).body("totalResults", equalTo(0));
        scim().request().queryParam("filter", "members.value eq \"" + ids.get(1) + "\"")
                .queryParam("excludedAttributes", "members").get("/scim/v2/Groups")
                .then().body("totalResults", equalTo(2));
    }

    @Test
    void aDeprovisionedUserIsRefusedAsAMemberLikeAnUnknownId() {
        String name = unique("deprov-add");
        String group = scim().createGroup(name);
        List<String> ids = users(2);
        String gone = ids.get(0);
        scim().request().delete("/scim/v2/Users/" + gone).then().statusCode(204);

        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + memberValues(ids) + "]}]")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString(gone)).body("detail", not(containsString(ids.get(1))));
        scim().request().body("{\"schemas\":[\"" + Scim.GROUP + "\"],\"displayName\":\"" + name
                + "\",\"members\":[{\"value\":\"" + gone + "\"}]}")
                .put("/scim/v2/Groups/" + group).then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString(gone));
        scim().request().body("{\"displayName\":\"" + unique("deprov-new") + "\",\"members\":[{\"value\":\""
                + gone + "\"}]}").post("/scim/v2/Groups").then().statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        assertEquals(0L, TestClient.sqlValue("select count(*) from memberships where role_id = ?::uuid", group));
        // removing it is what removing an unknown id is: nothing to remove, 204
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + gone + "\"}]}]")
                .then().statusCode(204);
    }

    @Test
    void renameAnswers204AndPatchWithAttributesAnswers200() {
        String group = scim().createGroup(unique("before"));
        String after = unique("after");
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + after + "\"}]")
                .then().statusCode(204);
        scim().request().queryParam("attributes", "displayName")
                .body("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":[]}")
                .patch("/scim/v2/Groups/" + group)
                .then().statusCode(200).body("displayName", equalTo(after)).body("members", nullValue());
        assertEquals(after, TestClient.sqlValue("select name from roles where id = ?::uuid", group));
    }

    @Test
    void systemRoleNamesAreRefusedWithAReason() {
        scim().request().body("{\"displayName\":\"admin\"}").post("/scim/v2/Groups")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"))
                .body("detail", containsString("system role ADMIN"));
        scim().request().body("{\"displayName\":\"PUBLIC\"}").post("/scim/v2/Groups")
                .then().statusCode(409).body("detail", containsString("system role"));
    }

    @Test
    void duplicateDisplayNameIs409() {
        String name = unique("dup");
        scim().createGroup(name);
        scim().request().body("{\"displayName\":\"" + name.toUpperCase() + "\"}").post("/scim/v2/Groups")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
    }

    @Test
    void systemRolesAreNotGroups() {
        Object adminRole = TestClient.sqlValue("select id::text from roles where org_id = ?::uuid and name = 'ADMIN'",
                TestClient.orgOf(getClass()).id());
        scim().request().get("/scim/v2/Groups/" + adminRole).then().statusCode(404);
        scim().request().queryParam("filter", "displayName eq \"ADMIN\"").get("/scim/v2/Groups")
                .then().body("totalResults", equalTo(0));
    }

    @Test
    void deletingAGroupKeepsItsUsers() {
        String group = scim().createGroup(unique("delete"));
        List<String> ids = users(2);
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + memberValues(ids) + "]}]").then().statusCode(204);
        scim().request().delete("/scim/v2/Groups/" + group).then().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + group).then().statusCode(404);
        scim().request().get("/scim/v2/Users/" + ids.get(0)).then().statusCode(200).body("groups", nullValue());
        assertEquals(0L, TestClient.sqlValue("select count(*) from memberships where role_id = ?::uuid", group));
    }

    @Test
    void concurrentAddsAreAllKept() throws Exception {
        String group = scim().createGroup(unique("concurrent"));
        List<String> ids = users(20);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String id : ids) {
                results.add(pool.submit(() -> scim().patch("/scim/v2/Groups/" + group,
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}]").statusCode()));
            }
            for (Future<Integer> f : results) {
                assertEquals(204, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20L, TestClient.sqlValue("select count(*) from memberships where role_id = ?::uuid", group));
    }

    @Test
    void putReplacesMembers() {
        String name = unique("put");
        String group = scim().createGroup(name);
        List<String> ids = users(3);
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + memberValues(ids.subList(0, 2)) + "]}]")
                .then().statusCode(204);
        scim().request().body("{\"schemas\":[\"" + Scim.GROUP + "\"],\"displayName\":\"" + name
                + "\",\"members\":[{\"value\":\"" + ids.get(2) + "\"}]}")
                .put("/scim/v2/Groups/" + group)
                .then().statusCode(200).body("members.value", containsInAnyOrder(ids.get(2)));
    }

    @Test
    void removeAllMembersWithAPathOnly() {
        String group = scim().createGroup(unique("clear"));
        List<String> ids = users(2);
        scim().patch("/scim/v2/Groups/" + group,
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + memberValues(ids) + "]}]").then().statusCode(204);
        scim().patch("/scim/v2/Groups/" + group, "[{\"op\":\"remove\",\"path\":\"members\"}]").then().statusCode(204);
        assertEquals(0L, TestClient.sqlValue("select count(*) from memberships where role_id = ?::uuid", group));
    }
}
