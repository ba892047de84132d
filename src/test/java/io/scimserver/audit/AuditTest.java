package io.scimserver.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit trail through the API: one row per write, in the write's transaction; failures beside them. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AuditTest {

    private TestClient.Org org() {
        return TestClient.orgOf(getClass());
    }

    private Scim scim() {
        return new Scim(org());
    }

    private JsonPath audit(Map<String, ?> query) {
        return given().auth().oauth2(org().adminToken()).queryParams(query).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyUserWriteLeavesOneRowNamingTheActorTokenAndTheChangedAttributes() {
        String userName = unique("ada") + "@example.com";
        String id = scim().request().body("""
                {"schemas":["%s"],"userName":"%s","active":true,"password":"S3cret-Passw0rd!",
                 "name":{"givenName":"Ada","familyName":"Lovelace"}}""".formatted(Scim.USER, userName))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        scim().patch("/scim/v2/Users/" + id, """
                [{"op":"Replace","path":"name.familyName","value":"Byron"},
                 {"op":"Replace","path":"active","value":"False"}]""").then().statusCode(200);
        scim().request().body("""
                {"schemas":["%s"],"userName":"%s","displayName":"Ada"}""".formatted(Scim.USER, userName))
                .put("/scim/v2/Users/" + id).then().statusCode(200);
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(204);

        JsonPath rows = audit(Map.of("resourceId", id));
        assertEquals(List.of("delete", "replace", "patch", "create"), rows.getList("items.operation"));
        assertEquals(List.of("success", "success", "success", "success"), rows.getList("items.outcome"));
        assertEquals(List.of("User", "User", "User", "User"), rows.getList("items.resourceType"));
        // the token the organisation was created with (other tests of this class issue more)
        Object tokenId = TestClient.sqlValue(
                "select id::text from access_tokens where org_id = ?::uuid order by created limit 1", org().id());
        assertEquals(tokenId, rows.getString("items[3].actor.tokenId"));
        assertEquals("PERSONAL_ACCESS_TOKEN", rows.getString("items[3].actor.kind"));
        assertEquals(org().adminUserId(), rows.getString("items[3].actor.userId"));
        assertEquals(userName, rows.getString("items[3].summary.userName"));
        assertEquals(true, rows.getBoolean("items[3].summary.passwordSet"));
        assertEquals(List.of("active", "name"), rows.getList("items[2].summary.attributes"));
        assertEquals(false, rows.getBoolean("items[2].summary.active"));
        assertTrue(rows.getList("items[1].summary.attributes").contains("displayName"));
        assertEquals(0L, TestClient.sqlValue(
                "select count(*) from audit_events where summary::text like '%S3cret-Passw0rd!%'"));
    }

    @Test
    void aScimDeleteIsRecordedAsADeprovisioningAndACreateOfItsUserNameAsARevivalOrANewUser() {
        String userName = unique("dora") + "@example.com";
        String create = "{\"schemas\":[\"%s\"],\"userName\":\"%s\",\"externalId\":\"%s\",\"displayName\":\"Dora\"}";
        String id = scim().request().body(create.formatted(Scim.USER, userName, "dora-1")).post("/scim/v2/Users")
                .then().statusCode(201).extract().path("id");
        String group = scim().createGroup(unique("Ops"));
        scim().patch("/scim/v2/Groups/" + group, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + id + "\"}]}]").then().statusCode(204);
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim().request().body(create.formatted(Scim.USER, userName, "dora-1")).post("/scim/v2/Users").then()
                .statusCode(201).body("id", equalTo(id));

        JsonPath rows = audit(Map.of("resourceId", id));
        assertEquals(List.of("create", "delete", "create"), rows.getList("items.operation"));
        assertEquals(true, rows.getBoolean("items[1].summary.deprovisioned"));
        assertEquals(true, rows.getBoolean("items[1].summary.accountKept"));
        assertEquals(1, rows.getInt("items[1].summary.groupsLeft"));
        assertEquals(userName, rows.getString("items[1].summary.userName"));
        assertEquals(true, rows.getBoolean("items[0].summary.revived"));
        assertEquals(0, rows.getInt("items[0].summary.rolesDropped"));
        assertEquals(List.of("displayName", "externalId", "userName"), rows.getList("items[0].summary.attributes"));
        assertNull(rows.get("items[2].summary.revived"), "a plain create is no revival");

        // deprovisioned again, then created by someone else: a new user, and the row names the account kept apart
        scim().request().delete("/scim/v2/Users/" + id).then().statusCode(204);
        String other = scim().request().body(create.formatted(Scim.USER, userName, "dora-2")).post("/scim/v2/Users")
                .then().statusCode(201).extract().path("id");
        JsonPath created = audit(Map.of("resourceId", other));
        assertEquals(id, created.getString("items[0].summary.deprovisionedNamesake"));
        assertNull(created.get("items[0].summary.revived"));
    }

    @Test
    void groupRowsCountMembersAddedAndRemovedWithoutListingThem() {
        String a = scim().createUser(unique("a") + "@example.com");
        String b = scim().createUser(unique("b") + "@example.com");
        String group = scim().createGroup(unique("Eng"));
        scim().patch("/scim/v2/Groups/" + group, """
                [{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"}]}]"""
                .formatted(a, b)).then().statusCode(204);
        scim().patch("/scim/v2/Groups/" + group, """
                [{"op":"Remove","path":"members","value":[{"value":"%s"}]}]""".formatted(a)).then().statusCode(204);

        JsonPath rows = audit(Map.of("resourceId", group));
        assertEquals(List.of("patch", "patch", "create"), rows.getList("items.operation"));
        assertEquals(0, rows.getInt("items[0].summary.membersAdded"));
        assertEquals(1, rows.getInt("items[0].summary.membersRemoved"));
        assertEquals(2, rows.getInt("items[1].summary.membersAdded"));
        assertFalse(rows.getString("items[1].summary").contains(a), "member ids stay out of the summary");
    }

    @Test
    void aRefusedWriteIsRolledBackAndRecordedOnlyAsAFailure() {
        String name = unique("Ops");
        String group = scim().createGroup(name);
        String renamedTo = unique("Renamed");
        scim().patch("/scim/v2/Groups/" + group, """
                [{"op":"Replace","path":"displayName","value":"%s"},
                 {"op":"Add","path":"members","value":[{"value":"%s"}]}]""".formatted(renamedTo, UUID.randomUUID()))
                .then().statusCode(400);
        scim().request().get("/scim/v2/Groups/" + group).then().statusCode(200).body("displayName", equalTo(name));

        JsonPath rows = audit(Map.of("resourceId", group));
        assertEquals(List.of("patch", "create"), rows.getList("items.operation"));
        assertEquals("failure", rows.getString("items[0].outcome"));
        assertEquals(400, rows.getInt("items[0].status"));
        assertEquals("invalidValue", rows.getString("items[0].summary.scimType"));
        assertEquals("PATCH /scim/v2/Groups/{id}", rows.getString("items[0].summary.request"));
        assertNotEquals(null, rows.getString("items[0].summary.detail"));

        String userName = unique("dup") + "@example.com";
        scim().createUser(userName);
        scim().request().body("{\"schemas\":[\"%s\"],\"userName\":\"%s\"}".formatted(Scim.USER, userName.toUpperCase()))
                .post("/scim/v2/Users").then().statusCode(409);
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from audit_events where org_id = ?::uuid and operation = 'create'
                and outcome = 'success' and summary->>'userName' = ?""", org().id(), userName));
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from audit_events where org_id = ?::uuid and operation = 'create'
                and outcome = 'failure' and status = 409 and summary->>'scimType' = 'uniqueness'
                and summary->>'detail' like ?""", org().id(), "%" + userName.toUpperCase() + "%"));
    }

    /**
     * A create stores the user, its PUBLIC membership and its audit row in one statement: a refused audit row (here a
     * constraint added for this userName alone) leaves neither user nor membership, and the answer is a client error,
     * not a 409 taken userName.
     */
    @Test
    void aCreateWhoseAuditRowIsRefusedLeavesNoUser() {
        String userName = unique("atomic") + "@example.com";
        String constraint = "test_refuse_" + UUID.randomUUID().toString().replace("-", "");
        TestClient.sql("alter table audit_events add constraint " + constraint
                + " check (summary->>'userName' is distinct from '" + userName + "') not valid");
        try {
            scim().request().body("{\"schemas\":[\"%s\"],\"userName\":\"%s\"}".formatted(Scim.USER, userName))
                    .post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        } finally {
            TestClient.sql("alter table audit_events drop constraint " + constraint);
        }
        assertEquals(0L, TestClient.sqlValue("select count(*) from users where lower(user_name) = lower(?)", userName));
        assertEquals(0L, TestClient.sqlValue("""
                select count(*) from audit_events where org_id = ?::uuid and operation = 'create'
                and outcome = 'success' and summary->>'userName' = ?""", org().id(), userName));

        // the same request without the constraint: one user, one PUBLIC membership, one audit row naming its id
        String id = scim().request().body("{\"schemas\":[\"%s\"],\"userName\":\"%s\"}".formatted(Scim.USER, userName))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from memberships m join roles r on r.id = m.role_id
                where m.user_id = ?::uuid and r.source = 'SYSTEM' and r.name = 'PUBLIC'""", id));
        assertEquals(1L, TestClient.sqlValue("""
                select count(*) from audit_events where org_id = ?::uuid and resource_type = 'User'
                and resource_id = ? and operation = 'create' and outcome = 'success'""", org().id(), id));
    }

    /**
     * A PATCH writes the user's row and its audit row in one statement: a refused audit row leaves the user as it was
     * (attributes and version), and the same PATCH afterwards leaves the change and exactly one row.
     */
    @Test
    void aPatchWhoseAuditRowIsRefusedChangesNothing() {
        String userName = unique("atomic-patch") + "@example.com";
        String id = scim().createUser(userName);
        String patch = "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Changed\"}]";
        String constraint = "test_refuse_" + UUID.randomUUID().toString().replace("-", "");
        TestClient.sql("alter table audit_events add constraint " + constraint + " check (operation <> 'patch'"
                + " or summary->>'userName' is distinct from '" + userName + "') not valid");
        try {
            scim().patch("/scim/v2/Users/" + id, patch).then().statusCode(400)
                    .body("scimType", equalTo("invalidValue"));
        } finally {
            TestClient.sql("alter table audit_events drop constraint " + constraint);
        }
        scim().request().get("/scim/v2/Users/" + id).then().statusCode(200)
                .body("displayName", nullValue()).body("meta.version", equalTo("W/\"1\""));
        String patched = "select count(*) from audit_events where org_id = ?::uuid and resource_id = ?"
                + " and operation = 'patch' and outcome = 'success'";
        assertEquals(0L, TestClient.sqlValue(patched, org().id(), id));

        scim().patch("/scim/v2/Users/" + id, patch).then().statusCode(200).body("displayName", equalTo("Changed"))
                .body("meta.version", equalTo("W/\"2\""));
        assertEquals(1L, TestClient.sqlValue(patched, org().id(), id));
    }

    @Test
    void theRequestIdIsReturnedAndRecorded() {
        String requestId = "entra-" + UUID.randomUUID();
        String id = scim().request().header("X-Request-Id", requestId)
                .body("{\"schemas\":[\"%s\"],\"userName\":\"%s\"}".formatted(Scim.USER, unique("rid") + "@x.example"))
                .post("/scim/v2/Users").then().statusCode(201).header("X-Request-Id", requestId)
                .extract().path("id");
        assertEquals(requestId, audit(Map.of("resourceId", id)).getString("items[0].requestId"));
        // an id that could forge a log line is replaced by a fresh one
        String replaced = scim().request().header("X-Request-Id", "bad id\nINFO forged").get("/scim/v2/Users?count=1")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
    }

    @Test
    void adminTokenAndLoginActionsAreRecordedWithoutSecrets() {
        String userName = unique("eve") + "@example.com";
        String userId = scim().createUser(userName);
        given().auth().oauth2(org().adminToken()).contentType(ContentType.JSON)
                .body(Map.of("password", "correct-horse-battery")).put("/api/v1/users/" + userId + "/password")
                .then().statusCode(204);
        String role = given().auth().oauth2(org().adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("analysts"))).post("/api/v1/roles").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(org().adminToken()).put("/api/v1/roles/" + role + "/members/" + userId)
                .then().statusCode(204);
        given().contentType(ContentType.JSON)
                .body(Map.of("organization", org().name(), "userName", userName, "password", "wrong-password"))
                .post("/api/v1/login").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("organization", org().name(), "userName", userName, "password", "correct-horse-battery"))
                .post("/api/v1/login").then().statusCode(200);
        String secret = given().auth().oauth2(org().adminToken()).contentType(ContentType.JSON)
                .body(Map.of("label", "ci")).post("/api/v1/tokens").then().statusCode(201).extract().path("token");

        JsonPath password = audit(Map.of("resourceId", userId, "operation", "set-password"));
        assertEquals(1, password.getList("items").size());
        JsonPath member = audit(Map.of("resourceId", role, "operation", "add-member"));
        assertEquals(1, member.getInt("items[0].summary.membersAdded"));
        // a successful login is a row; a refused one only a counter, with nothing the caller typed
        JsonPath logins = audit(Map.of("resourceType", "Session"));
        assertEquals(List.of("success"), logins.getList("items.outcome").stream().distinct().toList());
        assertEquals(userId, logins.getString("items.find { it.outcome == 'success' }.resourceId"));
        assertEquals(0L, TestClient.sqlValue("select count(*) from audit_events where summary::text like ?",
                "%wrong-password%"));
        given().auth().oauth2(org().adminToken()).get("/api/v1/audit/login-refusals").then().statusCode(200)
                .body("find { it.method == 'password' }.refused", greaterThanOrEqualTo(1));
        JsonPath tokens = audit(Map.of("resourceType", "Token", "actor", org().adminUserId()));
        assertEquals("issue", tokens.getString("items[0].operation"));
        assertEquals("PERSONAL_ACCESS_TOKEN", tokens.getString("items[0].actor.kind"));
        assertEquals("ci", tokens.getString("items[0].summary.label"));
        assertEquals(0L, TestClient.sqlValue("select count(*) from audit_events where summary::text like ?",
                "%" + secret + "%"));
        assertEquals(0L, TestClient.sqlValue(
                "select count(*) from audit_events where summary::text like '%correct-horse-battery%'"));
        // the trail is for admins only: a personal access token of a user who is not an ADMIN is refused
        String userToken = "scim_audit-test-" + UUID.randomUUID();
        TestClient.sql("""
                insert into access_tokens (id, org_id, user_id, token_hash, created)
                values (gen_random_uuid(), ?::uuid, ?::uuid, sha256(convert_to(?, 'UTF8')), now())""",
                org().id(), userId, userToken);
        given().auth().oauth2(userToken).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void filtersAndPaging() {
        scim().createUser(unique("p1") + "@example.com");
        scim().createUser(unique("p2") + "@example.com");
        JsonPath first = audit(Map.of("limit", 1, "resourceType", "user", "outcome", "success"));
        assertThat(first.getList("items"), hasSize(1));
        assertThat(first.getString("nextCursor"), notNullValue());
        JsonPath second = audit(Map.of("limit", 1, "resourceType", "user", "outcome", "success",
                "cursor", first.getString("nextCursor")));
        assertNotEquals(first.getString("items[0].id"), second.getString("items[0].id"));
        assertTrue(Instant.parse(second.getString("items[0].created"))
                .compareTo(Instant.parse(first.getString("items[0].created"))) <= 0, "the next page is older");
        assertThat(audit(Map.of("since", "2999-01-01T00:00:00Z")).getList("items"), hasSize(0));
        assertThat(audit(Map.of("since", "2999-01-01T00:00:00Z")).getString("nextCursor"), nullValue());
        assertTrue(audit(Map.of("outcome", "failure")).getList("items.outcome").stream()
                .allMatch("failure"::equals));
        given().auth().oauth2(org().adminToken()).queryParam("outcome", "maybe").get("/api/v1/audit")
                .then().statusCode(400);
        given().auth().oauth2(org().adminToken()).queryParam("since", "yesterday").get("/api/v1/audit")
                .then().statusCode(400);
        // another organisation's admin sees none of these rows
        TestClient.Org other = TestClient.newOrg("audit-other");
        List<String> seen = given().auth().oauth2(other.adminToken()).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.resourceType");
        assertFalse(seen.contains("User"), "rows of another organisation: " + seen);
    }

    /**
     * Ids and cursors are no shared counter: an organisation cannot tell from its own rows how much another did in
     * between. Ids are UUIDv7 (time, then random bits), the cursor is opaque, and paging one row at a time returns
     * exactly the rows of one large page, in the same order.
     */
    @Test
    void idsAndCursorsRevealNothingAboutOtherOrganisations() {
        TestClient.Org mine = TestClient.newOrg("audit-ids");
        TestClient.Org other = TestClient.newOrg("audit-busy");
        for (int i = 0; i < 3; i++) {
            new Scim(mine).createUser(unique("mine") + "@example.com");
            for (int j = 0; j < 3; j++) {
                new Scim(other).createUser(unique("busy") + "@example.com");
            }
        }
        List<String> all = given().auth().oauth2(mine.adminToken()).queryParam("limit", 100).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(4, all.size(), "the organisation's creation and its three users: " + all);
        for (String id : all) {
            assertFalse(id.matches("\\d+"), "a number: " + id);
            assertEquals(7, UUID.fromString(id).version(), id);
            assertEquals(2, UUID.fromString(id).variant(), id);
        }
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(mine.adminToken()).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                assertFalse(cursor.matches("\\d+") || all.contains(cursor), "not opaque: " + cursor);
            }
        } while (cursor != null && paged.size() <= all.size());
        assertEquals(all, paged);
        given().auth().oauth2(mine.adminToken()).queryParam("cursor", "12345").get("/api/v1/audit").then()
                .statusCode(400);
    }
}
