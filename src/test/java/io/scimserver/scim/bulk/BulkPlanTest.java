package io.scimserver.scim.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bulkId references: the order operations run in, circles refused, and how a request is read. Plain JUnit. */
class BulkPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BulkRequest request(String operations) {
        try {
            return BulkRequest.read(JSON.readTree("{\"Operations\":" + operations.replace('\'', '"') + "}"), 1000);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BulkPlan plan(String operations) {
        return BulkPlan.of(request(operations).operations());
    }

    private static String user(String bulkId, String manager) {
        return "{'method':'POST','path':'/Users','bulkId':'" + bulkId + "','data':{'userName':'" + bulkId + "'"
                + (manager == null ? "" : ",'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':"
                        + "{'manager':{'value':'bulkId:" + manager + "'}}")
                + "}}";
    }

    private static String group(String bulkId, String... members) {
        StringBuilder m = new StringBuilder();
        for (String member : members) {
            m.append(m.isEmpty() ? "" : ",").append("{'value':'bulkId:").append(member).append("'}");
        }
        return "{'method':'POST','path':'/Groups','bulkId':'" + bulkId + "','data':{'displayName':'" + bulkId
                + "','members':[" + m + "]}}";
    }

    @Test
    void withoutReferencesTheRequestOrderIsKept() {
        BulkPlan p = plan("[" + user("a", null) + "," + user("b", null) + "," + user("c", null) + "]");
        assertEquals(List.of(0, 1, 2), p.order());
        assertTrue(p.refused().isEmpty());
    }

    @Test
    void aGroupNamingUsersCreatedLaterRunsAfterThem() {
        // RFC 7644 §3.7.2: the group comes first in the request, its members (by bulkId) after it
        BulkPlan p = plan("[" + group("g", "u1", "u2") + "," + user("u1", null) + "," + user("u2", null) + ","
                + user("u3", null) + "]");
        assertEquals(List.of(1, 2, 0, 3), p.order(), "each operation as early as its references allow");
    }

    @Test
    void referencesInPathsOrderToo() {
        BulkPlan p = plan("[{'method':'PATCH','path':'/Groups/bulkId:g','data':{'Operations':[]}}," + group("g")
                + ",{'method':'DELETE','path':'/Users/bulkId:u'}," + user("u", null) + "]");
        assertEquals(List.of(1, 0, 3, 2), p.order());
    }

    @Test
    void chainsRunInDependencyOrder() {
        BulkPlan p = plan("[" + user("c", "b") + "," + user("b", "a") + "," + user("a", null) + "]");
        assertEquals(List.of(2, 1, 0), p.order());
    }

    @Test
    void aCircleIsRefusedWith409NamingIt() {
        // RFC 7644 §3.7.1's circle, on our resources: two users each the other's manager
        BulkPlan p = plan("[" + user("a", "b") + "," + user("b", "a") + "," + user("c", null) + "]");
        assertEquals(List.of(2), p.order(), "the user outside the circle still runs");
        assertEquals(2, p.refused().size());
        ScimException e = p.refused().get(0);
        assertEquals(409, e.status());
        assertEquals("circular bulkId references: bulkId:a -> bulkId:b -> bulkId:a; create the resources without"
                + " these references, then add them with PATCH", e.detail());
        assertTrue(p.refused().get(1).detail().startsWith("circular bulkId references: bulkId:b -> bulkId:a"));
    }

    @Test
    void aLongCircleIsNamedInPartOnly() {
        // a thousand users, each the next one's manager, the last the first's: every detail stays short
        int n = 1000;
        StringBuilder ops = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            ops.append(i == 0 ? "" : ",").append(user("u" + i, "u" + ((i + 1) % n)));
        }
        BulkPlan p = plan(ops.append("]").toString());
        assertEquals(List.of(), p.order());
        assertEquals(n, p.refused().size());
        for (ScimException e : p.refused().values()) {
            assertTrue(e.detail().length() < 300, e.detail());
            assertTrue(e.detail().contains("(" + (n - BulkPlan.NAMED_ON_A_CIRCLE) + " more)"), e.detail());
        }
    }

    @Test
    void whatDependsOnACircleIsRefusedToo() {
        BulkPlan p = plan("[" + group("g", "a") + "," + user("a", "b") + "," + user("b", "a") + "]");
        assertEquals(List.of(), p.order());
        assertEquals(409, p.refused().get(0).status());
        assertTrue(p.refused().get(0).detail().startsWith("the operation refers to bulkId:a, which is held up by"
                + " circular bulkId references: bulkId:a -> bulkId:b -> bulkId:a"), p.refused().get(0).detail());
    }

    @Test
    void anOperationReferringToItselfIsACircleOfOne() {
        BulkPlan p = plan("[" + user("a", "a") + "]");
        assertTrue(p.refused().get(0).detail().startsWith("the operation refers to the resource it creates itself"));
    }

    @Test
    void anUnknownBulkIdDoesNotHoldTheOperationBack() {
        BulkPlan p = plan("[" + group("g", "nobody") + "," + user("a", null) + "]");
        assertEquals(List.of(0, 1), p.order(), "the run refuses the unknown reference, not the plan");
    }

    @Test
    void aMalformedPostStillHoldsBackWhatRefersToIt() {
        BulkPlan p = plan("[" + group("g", "u") + ",{'method':'POST','path':'/Users','bulkId':'u'}]");
        assertEquals(List.of(1, 0), p.order(), "the run refuses the group because u's POST failed");
    }

    @Test
    void aThousandOperationsArePlannedQuickly() {
        StringBuilder ops = new StringBuilder("[");
        for (int i = 999; i >= 0; i--) {
            ops.append(i == 999 ? "" : ",").append(user("u" + i, i == 0 ? null : "u" + (i - 1)));
        }
        long start = System.nanoTime();
        BulkPlan p = plan(ops + "]");
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
        assertEquals(999, p.order().get(0), "the chain's head, last in the request, runs first");
        assertEquals(0, p.order().get(999));
    }

    @Test
    void duplicateBulkIdsAreRefused() {
        ScimException e = assertThrows(ScimException.class, () -> request("[" + user("a", null) + "," + user("a", null)
                + "]"));
        assertEquals(400, e.status());
        assertEquals(ScimType.INVALID_VALUE, e.scimType());
        assertTrue(e.detail().contains("bulkId \"a\" is named by more than one operation"));
    }

    @Test
    void moreOperationsThanTheLimitIs413() throws Exception {
        JsonNode body = JSON.readTree("{\"Operations\":[{},{},{}]}");
        ScimException e = assertThrows(ScimException.class, () -> BulkRequest.read(body, 2));
        assertEquals(413, e.status());
        assertTrue(e.detail().contains("3 operations; maxOperations is 2"), e.detail());
    }

    @Test
    void requestLevelProblemsAre400() throws Exception {
        for (String body : List.of("[]", "{}", "{\"Operations\":{}}", "{\"schemas\":[\"urn:x\"],\"Operations\":[]}",
                "{\"Operations\":[],\"failOnErrors\":0}", "{\"Operations\":[],\"failOnErrors\":\"1\"}")) {
            ScimException e = assertThrows(ScimException.class, () -> BulkRequest.read(JSON.readTree(body), 10), body);
            assertEquals(400, e.status(), body);
        }
    }

    @Test
    void operationProblemsStayWithTheOperation() {
        BulkRequest r = request("[{'method':'GET','path':'/Users'},{'method':'post','path':'/Users'},"
                + "{'method':'DELETE'},{'method':'delete','path':'/Users/x','version':3},7]");
        assertEquals("\"method\" must be POST, PUT, PATCH or DELETE", r.operations().get(0).problem().detail());
        assertEquals("POST", r.operations().get(1).method(), "methods in any case");
        assertTrue(r.operations().get(1).problem().detail().startsWith("POST needs \"data\""));
        assertTrue(r.operations().get(2).problem().detail().startsWith("\"path\" is required"));
        assertTrue(r.operations().get(3).problem().detail().startsWith("\"version\" must be a string"));
        assertEquals(ScimType.INVALID_SYNTAX, r.operations().get(4).problem().scimType());
    }

    @Test
    void referencesAreReplacedByIdsWithoutChangingTheRequest() throws Exception {
        JsonNode data = JSON.readTree("{\"members\":[{\"value\":\"bulkId:a\"},{\"value\":\"x\"}],\"n\":\"bulkId:\"}");
        JsonNode out = BulkIds.resolve(data, Map.of("a", "id-a")::get);
        assertEquals("id-a", out.at("/members/0/value").asText());
        assertEquals("bulkId:a", data.at("/members/0/value").asText());
        assertEquals("bulkId:", out.path("n").asText(), "a prefix without a name is no reference");
        assertEquals("/Users/id-a", BulkIds.resolvePath("/Users/bulkId:a", Map.of("a", "id-a")::get));
    }
}
