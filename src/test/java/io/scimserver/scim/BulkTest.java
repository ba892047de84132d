package io.scimserver.scim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /scim/v2/Bulk} (RFC 7644 §3.7): the RFC's examples on our resources (users and groups with bulkId
 * references, the circular reference, failOnErrors), the limits, version as If-Match, audit rows per operation, and a
 * request of a thousand operations.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class BulkTest {

    static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Response bulk(String operations) {
        return bulk(scim(), operations, null);
    }

    static Response bulk(Scim scim, String operations, Integer failOnErrors) {
        return scim.request().body("{\"schemas\":[\"" + BULK_REQUEST + "\"],"
                + (failOnErrors == null ? "" : "\"failOnErrors\":" + failOnErrors + ",")
                + "\"Operations\":" + operations + "}").post("/scim/v2/Bulk");
    }

    static String postUser(String bulkId, String userName) {
        return """
                {"method":"POST","path":"/Users","bulkId":"%s",
                 "data":{"schemas":["%s"],"userName":"%s","name":{"givenName":"Alice","familyName":"Doe"}}}"""
                .formatted(bulkId, Scim.USER, userName);
    }

    static String location(Response r, int i) {
        return r.path("Operations[" + i + "].location");
    }

    static String idOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aGroupNamesUsersCreatedInTheSameRequestInAnyOrder() {
        // RFC 7644 §3.7.2: a group whose members are users the same request creates, here listed before them
        String name = unique("Tour Guides");
        String alice = unique("alice") + "@example.com";
        String bob = unique("bob") + "@example.com";
        Response r = bulk("""
                [{"method":"POST","path":"/Groups","bulkId":"ytrewq",
                  "data":{"schemas":["%s"],"displayName":"%s",
                          "members":[{"type":"User","value":"bulkId:qwerty"},{"type":"User","value":"bulkId:ytrewq2"}]}},
                 %s, %s]""".formatted(Scim.GROUP, name, postUser("qwerty", alice), postUser("ytrewq2", bob)));
        r.then().statusCode(200).contentType(startsWith("application/scim+json"))
                .body("schemas", equalTo(List.of(BULK_RESPONSE)))
                .body("Operations", hasSize(3))
                .body("Operations.method", everyItem(equalTo("POST")))
                .body("Operations.bulkId", equalTo(List.of("ytrewq", "qwerty", "ytrewq2")))
                .body("Operations.status", everyItem(equalTo("201")))
                .body("Operations.version", everyItem(equalTo("W/\"1\"")))
                .body("Operations[0].location", containsString("/scim/v2/Groups/"))
                .body("Operations[1].location", containsString("/scim/v2/Users/"))
                .body("Operations.response", everyItem(nullValue()));
        String groupId = idOf(location(r, 0));
        scim().request().get("/scim/v2/Groups/" + groupId).then().statusCode(200)
                .body("displayName", equalTo(name))
                .body("members.value", containsInAnyOrder(idOf(location(r, 1)), idOf(location(r, 2))));
        scim().request().get("/scim/v2/Users/" + idOf(location(r, 1))).then().statusCode(200)
                .body("userName", equalTo(alice)).header("ETag", equalTo("W/\"1\""));
    }

    @Test
    void rfcUpdateExampleRunsPostPutPatchAndDelete() {
        // RFC 7644 §3.7.3: add, update, patch and remove users in one request, with versions
        String putId = scim().createUser(unique("put") + "@example.com");
        String patchId = scim().createUser(unique("patch") + "@example.com");
        String deleteId = scim().createUser(unique("delete") + "@example.com");
        String putName = scim().request().get("/scim/v2/Users/" + putId).path("userName");
        Response r = bulk("""
                [%s,
                 {"method":"PUT","path":"/Users/%s","version":"W/\\"1\\"",
                  "data":{"schemas":["%s"],"userName":"%s","displayName":"Put Twice"}},
                 {"method":"PATCH","path":"/Users/%s","version":"W/\\"1\\"",
                  "data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                          "Operations":[{"op":"replace","path":"displayName","value":"Patched"}]}},
                 {"method":"DELETE","path":"/Users/%s","version":"W/\\"1\\""}]"""
                .formatted(postUser("qwerty", unique("new") + "@example.com"), putId, Scim.USER, putName, patchId,
                        deleteId));
        r.then().statusCode(200)
                .body("Operations.method", equalTo(List.of("POST", "PUT", "PATCH", "DELETE")))
                .body("Operations.status", equalTo(List.of("201", "200", "200", "204")))
                .body("Operations[1].version", equalTo("W/\"2\""))
                .body("Operations[1].location", endsWith("/scim/v2/Users/" + putId))
                .body("Operations[2].version", equalTo("W/\"2\""))
                .body("Operations[3].location", endsWith("/scim/v2/Users/" + deleteId))
                .body("Operations[3].version", nullValue());
        scim().request().get("/scim/v2/Users/" + putId).then().body("displayName", equalTo("Put Twice"));
        scim().request().get("/scim/v2/Users/" + patchId).then().body("displayName", equalTo("Patched"));
        scim().request().get("/scim/v2/Users/" + deleteId).then().statusCode(404);
    }

    @Test
    void aStaleVersionIs412AndChangesNothing() {
        String id = scim().createUser(unique("stale") + "@example.com");
        bulk("""
                [{"method":"PATCH","path":"/Users/%s","version":"W/\\"7\\"",
                  "data":{"Operations":[{"op":"replace","path":"displayName","value":"Never"}]}},
                 {"method":"DELETE","path":"/Groups/%s","version":"W/\\"1\\""}]"""
                .formatted(id, UUID.randomUUID()))
                .then().statusCode(200)
                .body("Operations[0].status", equalTo("412"))
                .body("Operations[0].location", endsWith("/Users/" + id))
                .body("Operations[0].response.schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:Error")))
                .body("Operations[0].response.status", equalTo("412"))
                .body("Operations[0].response.detail", containsString("W/\"1\""))
                .body("Operations[1].status", equalTo("404"));
        scim().request().get("/scim/v2/Users/" + id).then().header("ETag", equalTo("W/\"1\""))
                .body("displayName", nullValue());
    }

    @Test
    void failOnErrorsStopsAfterThatManyErrors() {
        // RFC 7644 §3.7.3: with failOnErrors 1, the first error ends the request; what succeeded before stays
        String taken = unique("taken") + "@example.com";
        scim().createUser(taken);
        String first = unique("first") + "@example.com";
        String never = unique("never") + "@example.com";
        Response r = bulk(scim(), "[" + postUser("a", first) + "," + postUser("b", taken) + "," + postUser("c", never)
                + "]", 1);
        r.then().statusCode(200)
                .body("Operations", hasSize(2))
                .body("Operations[0].status", equalTo("201"))
                .body("Operations[1].bulkId", equalTo("b"))
                .body("Operations[1].status", equalTo("409"))
                .body("Operations[1].location", nullValue())
                .body("Operations[1].response.scimType", equalTo("uniqueness"))
                .body("Operations[1].response.detail", containsString("already taken"));
        assertEquals(1, users(first), "each operation is its own transaction: the first one stays");
        assertTrue(bulkMeter("post", "failure") >= 1 && bulkMeter("post", "success") >= 1, "operations are metered");
        assertEquals(0, users(never), "nothing runs after failOnErrors errors");

        // without failOnErrors, every operation runs
        String later = unique("later") + "@example.com";
        bulk(scim(), "[" + postUser("a", taken) + "," + postUser("b", later) + "]", null).then().statusCode(200)
                .body("Operations.status", equalTo(List.of("409", "201")));
        assertEquals(1, users(later));
    }

    @Test
    void circularReferencesAreRefusedWith409() {
        // RFC 7644 §3.7.1's circle on our resources: two users, each the other's manager
        String a = unique("circle-a") + "@example.com";
        String b = unique("circle-b") + "@example.com";
        String c = unique("circle-c") + "@example.com";
        String ops = """
                [{"method":"POST","path":"/Users","bulkId":"a","data":{"schemas":["%1$s","%2$s"],"userName":"%3$s",
                   "%2$s":{"manager":{"value":"bulkId:b"}}}},
                 {"method":"POST","path":"/Users","bulkId":"b","data":{"schemas":["%1$s","%2$s"],"userName":"%4$s",
                   "%2$s":{"manager":{"value":"bulkId:a"}}}},
                 %5$s]""".formatted(Scim.USER, Scim.ENTERPRISE, a, b, postUser("c", c));
        bulk(ops).then().statusCode(200)
                .body("Operations.status", equalTo(List.of("409", "409", "201")))
                .body("Operations[0].response.detail", containsString("circular bulkId references: bulkId:a -> bulkId:b"))
                .body("Operations[0].location", nullValue());
        assertEquals(0, users(a) + users(b));
        assertEquals(1, users(c));
        assertTrue(((Number) TestClient.sqlValue("""
                select count(*) from audit_events where org_id = ?::uuid and resource_type = 'User'
                and operation = 'create' and status = 409 and summary->>'detail' like ?""", scim().org().id(),
                "circular bulkId references: bulkId:a%")).intValue() >= 1, "the refused operations are audited");
    }

    @Test
    void aManagerCreatedLaterInTheRequestIsReferencedById() {
        String report = unique("report") + "@example.com";
        Response r = bulk("""
                [{"method":"POST","path":"/Users","bulkId":"report","data":{"schemas":["%1$s","%2$s"],"userName":"%3$s",
                   "%2$s":{"manager":{"value":"bulkId:boss"}}}},
                 %4$s]""".formatted(Scim.USER, Scim.ENTERPRISE, report, postUser("boss", unique("boss") + "@x.example")));
        r.then().statusCode(200).body("Operations.status", equalTo(List.of("201", "201")));
        scim().request().get("/scim/v2/Users/" + idOf(location(r, 0))).then()
                .body("'" + Scim.ENTERPRISE + "'.manager.value", equalTo(idOf(location(r, 1))));
    }

    @Test
    void unknownAndFailedBulkIdsAreTheOperationsErrors() {
        String groupId = scim().createGroup(unique("refs"));
        String taken = unique("taken-ref") + "@example.com";
        scim().createUser(taken);
        bulk("""
                [{"method":"PATCH","path":"/Groups/%1$s",
                  "data":{"Operations":[{"op":"add","path":"members","value":[{"value":"bulkId:nobody"}]}]}},
                 %2$s,
                 {"method":"PATCH","path":"/Groups/%1$s",
                  "data":{"Operations":[{"op":"add","path":"members","value":[{"value":"bulkId:dup"}]}]}},
                 {"method":"DELETE","path":"/Users/bulkId:dup"}]""".formatted(groupId, postUser("dup", taken)))
                .then().statusCode(200)
                .body("Operations.status", equalTo(List.of("400", "409", "409", "409")))
                .body("Operations[0].response.scimType", equalTo("invalidValue"))
                .body("Operations[0].response.detail", containsString("bulkId:nobody names no POST operation"))
                .body("Operations[2].response.detail", containsString("bulkId:dup was not created"))
                .body("Operations[3].method", equalTo("DELETE"));
    }

    @Test
    void duplicateBulkIdsRefuseTheWholeRequest() {
        String a = unique("dupe") + "@example.com";
        bulk("[" + postUser("same", a) + "," + postUser("same", unique("dupe") + "@example.com") + "]").then()
                .statusCode(400).contentType(startsWith("application/scim+json"))
                .body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("bulkId \"same\" is named by more than one operation"));
        assertEquals(0, users(a));
        assertTrue(((Number) TestClient.sqlValue("""
                select count(*) from audit_events where org_id = ?::uuid and resource_type = 'Bulk'
                and operation = 'bulk' and outcome = 'failure' and status = 400
                and summary->>'detail' like 'bulkId "same"%'""", scim().org().id())).intValue() >= 1,
                "a request refused whole leaves one failure row, as any refused write");
    }

    @Test
    void malformedBodiesAre400InvalidSyntaxWithADetail() {
        scim().request().body("{\"Operations\":[{\"method\":\"POST\"").post("/scim/v2/Bulk").then().statusCode(400)
                .contentType(startsWith("application/scim+json"))
                .body("scimType", equalTo("invalidSyntax"))
                .body("detail", containsString("ends early"));
        scim().request().body("[]").post("/scim/v2/Bulk").then().statusCode(400)
                .body("scimType", equalTo("invalidSyntax")).body("detail", containsString("a bulk request is a JSON object"));
        scim().request().body("{\"schemas\":[\"" + BULK_REQUEST + "\"]}").post("/scim/v2/Bulk").then().statusCode(400)
                .body("scimType", equalTo("invalidSyntax")).body("detail", containsString("\"Operations\""));
        scim().request().body("{\"Operations\":[],\"Operations\":[]}").post("/scim/v2/Bulk").then().statusCode(400)
                .body("detail", containsString("names the same member twice"));
        // a malformed operation is that operation's answer; the others run
        String ok = unique("ok") + "@example.com";
        bulk("[{\"method\":\"GET\",\"path\":\"/Users\"},{\"method\":\"PUT\",\"path\":\"/Users\",\"data\":{}},"
                + "{\"method\":\"POST\",\"path\":\"/Schemas\",\"data\":{}}," + postUser("ok", ok) + "]")
                .then().statusCode(200)
                .body("Operations.status", equalTo(List.of("400", "400", "400", "201")))
                .body("Operations[0..2].response.scimType", everyItem(equalTo("invalidSyntax")))
                .body("Operations[3].response", nullValue())
                .body("Operations[0].response.detail", containsString("\"method\" must be POST, PUT, PATCH or DELETE"))
                .body("Operations[1].response.detail", containsString("PUT needs the path of one resource"))
                .body("Operations[2].response.detail", containsString("there is no endpoint /Schemas"));
    }

    @Test
    void limitsAreAdvertisedAndEnforcedWith413() {
        scim().request().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .body("bulk.supported", equalTo(true))
                .body("bulk.maxOperations", equalTo(1000))
                .body("bulk.maxPayloadSize", equalTo(1048576));
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/").append(i).append("\"}");
        }
        bulk(tooMany + "]").then().statusCode(413).contentType(startsWith("application/scim+json"))
                .body("status", equalTo("413"))
                .body("detail", containsString("1001 operations; maxOperations is 1000"));
        String padding = "x".repeat(10_000);
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 110; i++) {
            big.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/").append(i)
                    .append("\",\"bulkId\":\"").append(i).append(padding).append("\"}");
        }
        bulk(big + "]").then().statusCode(413)
                .body("detail", containsString("exceeds maxPayloadSize (1048576 bytes"));
    }

    @Test
    void eachOperationLeavesAnAuditRow() {
        TestClient.Org org = TestClient.newOrg("bulkaudit");
        Scim scim = new Scim(org);
        String taken = unique("audit-taken") + "@example.com";
        scim.createUser(taken);
        String groupName = unique("audited");
        bulk(scim, """
                [%s, %s,
                 {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"%s","members":[{"value":"bulkId:u"}]}}]"""
                .formatted(postUser("u", unique("audit") + "@example.com"), postUser("t", taken), groupName), null)
                .then().statusCode(200).body("Operations.status", equalTo(List.of("201", "409", "201")));
        Object requestId = TestClient.sqlValue(
                "select request_id from audit_events where org_id = ?::uuid and outcome = 'failure'", org.id());
        assertEquals(List.of("Group create success", "User create failure", "User create success"),
                TestClient.sqlList("""
                        select resource_type || ' ' || operation || ' ' || outcome from audit_events
                        where org_id = ?::uuid and request_id = ? order by 1""", org.id(), requestId),
                "one row per operation, all with the bulk request's id");
        assertEquals(409, TestClient.sqlValue("""
                select status from audit_events where org_id = ?::uuid and outcome = 'failure'
                and summary->>'bulkId' = 't' and summary->>'request' = 'POST /scim/v2/Bulk'
                and summary->>'bulkOperation' = 'POST /Users' and summary->>'scimType' = 'uniqueness'""", org.id()));
        assertEquals(1L, TestClient.sqlValue("""
                select (summary->>'membersAdded')::bigint from audit_events
                where org_id = ?::uuid and resource_type = 'Group' and operation = 'create'""", org.id()),
                "the group's row, written by the same use case as POST /Groups, counts the member made by bulkId");
    }

    @Test
    void aThousandOperationsRunPromptlyAndEveryRowExists() {
        TestClient.Org org = TestClient.newOrg("bulkthousand");
        String prefix = unique("k");
        StringBuilder ops = new StringBuilder("[");
        for (int i = 0; i < 999; i++) {
            ops.append(i == 0 ? "" : ",").append(postUser("u" + i, prefix + "-" + i + "@example.com"));
        }
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 999; i++) {
            members.append(i == 0 ? "" : ",").append("{\"value\":\"bulkId:u").append(i).append("\"}");
        }
        // the group comes first and names all 999 users: it runs last
        String all = "[{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"all\",\"data\":{\"displayName\":\""
                + prefix + "\",\"members\":[" + members + "]}}," + ops.substring(1) + "]";
        long start = System.nanoTime();
        Response r = bulk(new Scim(org), all, null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        r.then().statusCode(200).body("Operations", hasSize(1000))
                .body("Operations.status", everyItem(equalTo("201")));
        assertTrue(millis < 60_000, "1000 operations took " + millis + " ms");
        assertEquals(999L, TestClient.sqlValue("select count(*) from users where org_id = ?::uuid and user_name like ?",
                org.id(), prefix + "-%"));
        assertEquals(999L, TestClient.sqlValue("""
                select count(*) from memberships m join roles r on r.id = m.role_id
                where r.org_id = ?::uuid and r.name = ?""", org.id(), prefix));
    }

    @Test
    void aNonAdminIsForbidden() {
        TestClient.Org o = TestClient.newOrg("bulknotadmin");
        TestClient.sql("""
                delete from memberships m using roles r
                where r.id = m.role_id and r.name = 'ADMIN' and m.user_id = ?::uuid""", o.adminUserId());
        String userName = unique("forbidden") + "@example.com";
        bulk(new Scim(o), "[" + postUser("x", userName) + "]", null).then().statusCode(403)
                .contentType(startsWith("application/scim+json")).body("detail", containsString("ADMIN"));
        assertEquals(0L, TestClient.sqlValue("select count(*) from users where user_name = ?", userName));
        given().contentType(ContentType.JSON).body("{\"Operations\":[]}").post("/scim/v2/Bulk").then().statusCode(401);
    }

    @Test
    void anotherOrganisationsResourcesAreNotFound() {
        String victim = scim().createUser(unique("victim") + "@example.com");
        Scim intruder = new Scim(TestClient.newOrg("bulkintruder"));
        bulk(intruder, """
                [{"method":"PATCH","path":"/Users/%1$s","data":{"Operations":[{"op":"replace","path":"active","value":false}]}},
                 {"method":"DELETE","path":"/Users/%1$s"},
                 {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"%2$s","members":[{"value":"%1$s"}]}}]"""
                .formatted(victim, unique("intruders")), null)
                .then().statusCode(200)
                .body("Operations.status", equalTo(List.of("404", "404", "400")))
                .body("Operations[2].response.detail", containsString("no user of this organisation"));
        scim().request().get("/scim/v2/Users/" + victim).then().statusCode(200).body("active", equalTo(true))
                .header("ETag", equalTo("W/\"1\""));
    }

    @Test
    void plainJsonIsAcceptedToo() {
        given().auth().oauth2(scim().org().adminToken()).contentType(ContentType.JSON)
                .body("{\"Operations\":[" + postUser("j", unique("json") + "@example.com") + "]}")
                .post("/scim/v2/Bulk").then().statusCode(200).body("Operations[0].status", equalTo("201"));
    }

    /** scim_bulk_operations_total of one method and outcome, summed over the series. */
    private static double bulkMeter(String method, String outcome) {
        return TestClient.management().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("scim_bulk_operations_total{") && l.contains("method=\"" + method + "\"")
                        && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private int users(String userName) {
        return ((Number) TestClient.sqlValue("select count(*) from users where org_id = ?::uuid and user_name = ?",
                scim().org().id(), userName)).intValue();
    }

    /** Operations whose data has the wrong shape are refused one by one, each with a 4xx, never a 500. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":\"x\"}",
            "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":[]}",
            "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":{\"a\":1}}}",
            "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":\"u@x.example\",\"emails\":\"x\",\"name\":5,\"active\":\"maybe\"}}",
            "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"a\",\"data\":{\"displayName\":\"g\",\"members\":{\"value\":1}}}",
            "{\"method\":\"PATCH\",\"path\":\"/Users/00000000-0000-0000-0000-000000000000\",\"data\":{\"Operations\":\"x\"}}",
            "{\"method\":\"PATCH\",\"path\":\"/Users/not-a-uuid\",\"data\":{\"Operations\":[{\"op\":1}]}}",
            "{\"method\":\"PUT\",\"path\":\"/Groups/bulkId:\",\"data\":{}}",
            "{\"method\":\"DELETE\",\"path\":\"/Users/%00\"}",
            "{\"method\":\"GET\",\"path\":\"/Users\"}",
            "{\"method\":\"POST\",\"path\":7}",
            "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":[1],\"data\":{}}",
            "{\"method\":\"PATCH\",\"path\":\"/Users/x\",\"version\":{},\"data\":{}}",
            "7"})
    void malformedOperationsAreRefusedOneByOneWithoutA500(String operation) {
        Response r = bulk("[" + operation + "]");
        assertTrue(r.statusCode() < 500, r.asString());
        if (r.statusCode() == 200) {
            int status = Integer.parseInt(r.path("Operations[0].status").toString());
            assertTrue(status >= 400 && status < 500, r.asString());
        }
        assertFalse(r.asString().contains("Exception"), r.asString());
    }
}
