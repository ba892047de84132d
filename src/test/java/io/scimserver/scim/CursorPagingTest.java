package io.scimserver.scim;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.scimserver.scim.query.Cursor;
import io.scimserver.scim.query.CursorCodec;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Cursor paging (RFC 9865) through HTTP: the RFC's examples, stability while users are created, the refusal of
 * altered, foreign and expired cursors and of a request that mixes index and cursor paging, and the advertisement.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class CursorPagingTest {

    private static final String USERS = "/scim/v2/Users";

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates {@code n} users named {@code prefix-00@example.com}...; returns their userNames in creation order. */
    List<String> users(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String userName = "%s-%02d@example.com".formatted(prefix, i);
            scim().createUser(userName);
            names.add(userName);
        }
        return names;
    }

    @Test
    void rfc9865ExampleFirstPageWithAnEmptyCursorThenNextAndPrevious() {
        String prefix = "j" + tag();
        List<String> all = users(prefix, 25);
        // "GET /Users?filter=userName%20sw%20J&cursor&count=10": a bare cursor asks for the first page
        JsonPath first = scim().request().queryParam("filter", "userName sw \"" + prefix + "\"")
                .get(USERS + "?cursor&count=10")
                .then().statusCode(200)
                .body("totalResults", equalTo(25))
                .body("itemsPerPage", equalTo(10))
                .body("Resources", hasSize(10))
                .body("$", not(hasKey("startIndex")))
                .body("$", not(hasKey("previousCursor"))) // "previousCursor MUST not be returned with the first page"
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        assertTrue(first.getString("nextCursor").matches("[A-Za-z0-9._~-]+"), "URL-safe: " + first.getString("nextCursor"));
        // the RFC's second request writes "username": attribute names are case-insensitive, so it is the same query
        JsonPath second = scim().request().queryParam("filter", "username sw \"" + prefix + "\"")
                .queryParam("cursor", first.getString("nextCursor")).queryParam("count", 10).get(USERS)
                .then().statusCode(200)
                .body("totalResults", equalTo(25))
                .body("itemsPerPage", equalTo(10))
                .body("previousCursor", notNullValue())
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        JsonPath third = scim().request().queryParam("filter", "userName sw \"" + prefix + "\"")
                .queryParam("cursor", second.getString("nextCursor")).queryParam("count", 10).get(USERS)
                .then().statusCode(200)
                .body("totalResults", equalTo(25))
                .body("itemsPerPage", equalTo(5))
                .body("$", not(hasKey("nextCursor"))) // omitted only on the last page
                .body("previousCursor", notNullValue())
                .extract().jsonPath();
        List<String> walked = new ArrayList<>(first.getList("Resources.userName"));
        walked.addAll(second.getList("Resources.userName"));
        walked.addAll(third.getList("Resources.userName"));
        assertEquals(all, walked, "without sortBy, cursor pages follow creation order");

        // back from the last page: the second page again, then the first, which has no previousCursor
        JsonPath back = scim().request().queryParam("filter", "userName sw \"" + prefix + "\"")
                .queryParam("cursor", third.getString("previousCursor")).queryParam("count", 10).get(USERS)
                .then().statusCode(200).body("nextCursor", notNullValue()).extract().jsonPath();
        assertEquals(second.getList("Resources.userName"), back.getList("Resources.userName"));
        scim().request().queryParam("filter", "userName sw \"" + prefix + "\"")
                .queryParam("cursor", back.getString("previousCursor")).queryParam("count", 10).get(USERS)
                .then().statusCode(200)
                .body("Resources.userName", equalTo(all.subList(0, 10)))
                .body("$", not(hasKey("previousCursor")))
                .body("nextCursor", notNullValue());
    }

    @Test
    void anEmptyCursorValueStartsAndAShortFirstPageIsTheWholeResult() {
        String prefix = "short" + tag();
        List<String> all = users(prefix, 3);
        scim().request().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("cursor", "")
                .queryParam("count", 10).get(USERS)
                .then().statusCode(200)
                .body("totalResults", equalTo(3))
                .body("Resources.userName", equalTo(all))
                .body("$", not(hasKey("nextCursor")))
                .body("$", not(hasKey("previousCursor")));
        // count=0 asks for the total only
        scim().request().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("cursor", "")
                .queryParam("count", 0).get(USERS)
                .then().statusCode(200).body("totalResults", equalTo(3)).body("Resources", hasSize(0))
                .body("$", not(hasKey("nextCursor")));
    }

    @Test
    void cursorPagesKeepAttributesAndExcludedAttributes() {
        String prefix = "shape" + tag();
        users(prefix, 3);
        String next = scim().request().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("cursor", "")
                .queryParam("count", 2).queryParam("attributes", "userName")
                .get(USERS).then().statusCode(200)
                .body("Resources[0].userName", notNullValue())
                .body("Resources[0].emails", nullValue())
                .extract().path("nextCursor");
        // the projection is not part of the query a cursor is bound to
        scim().request().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("cursor", next)
                .queryParam("count", 2).queryParam("excludedAttributes", "emails")
                .get(USERS).then().statusCode(200)
                .body("Resources", hasSize(1))
                .body("Resources[0].name.familyName", equalTo("User"))
                .body("Resources[0].emails", nullValue());
    }

    @Test
    void searchByPostTakesTheCursorInTheBody() {
        String prefix = "post" + tag();
        List<String> all = users(prefix, 5);
        String body = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "attributes":["displayName","userName"],"filter":"userName sw \\"%s\\"","cursor":%s,"count":3}""";
        JsonPath first = scim().request().body(body.formatted(prefix, "\"\"")).post(USERS + "/.search")
                .then().statusCode(200).body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(3))
                .body("nextCursor", notNullValue()).extract().jsonPath();
        JsonPath second = scim().request().body(body.formatted(prefix, "\"" + first.getString("nextCursor") + "\""))
                .post(USERS + "/.search").then().statusCode(200)
                .body("$", not(hasKey("nextCursor"))).body("previousCursor", notNullValue())
                .extract().jsonPath();
        List<String> walked = new ArrayList<>(first.getList("Resources.userName"));
        walked.addAll(second.getList("Resources.userName"));
        assertEquals(all, walked);
        // a cursor of GET /Users continues in POST /Users/.search: the same query
        String next = scim().request().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("cursor", "")
                .queryParam("count", 3).get(USERS).then().statusCode(200).extract().path("nextCursor");
        scim().request().body(body.formatted(prefix, "\"" + next + "\"")).post(USERS + "/.search")
                .then().statusCode(200).body("Resources.userName", equalTo(all.subList(3, 5)));
    }

    @Test
    void groupsPageByCursorToo() {
        String prefix = "grp" + tag();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(prefix + "-" + i);
            scim().createGroup(prefix + "-" + i);
        }
        List<String> walked = walk(r -> r.queryParam("filter", "displayName sw \"" + prefix + "\"")
                .queryParam("sortBy", "displayName").queryParam("sortOrder", "descending")
                .queryParam("excludedAttributes", "members"), "/scim/v2/Groups", 2, "displayName");
        assertEquals(names.reversed(), walked);
    }

    /**
     * Users are created while a client pages through a list, between its requests and at the same time from another
     * thread (a bounded number, so that the walks end), sorted by creation and by attributes where new users land before and after the cursor and with ties:
     * each user that existed before paging began is seen exactly once, and no user twice.
     */
    @Test
    void pagingWhileUsersAreCreatedNeitherRepeatsNorSkips() throws Exception {
        String prefix = "conc" + tag();
        List<String> before = users(prefix, 20);
        AtomicInteger created = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService inserter = Executors.newSingleThreadExecutor();
        Future<?> running = inserter.submit(() -> {
            while (!stop.get() && created.get() < 30) {
                scim().createUser("%s-%s-bg%d@example.com".formatted(prefix, randomLetters(), created.getAndIncrement()));
            }
        });
        try {
            String[][] orders = { { null, "ascending" }, { "userName", "ascending" }, { "userName", "descending" },
                { "name.familyName", "descending" }, { "emails.value", "ascending" } };
            for (String[] order : orders) {
                String what = "sortBy " + order[0] + " " + order[1];
                List<String> seen = new ArrayList<>();
                String cursor = "";
                int pages = 0;
                do {
                    RequestSpecification r = scim().request().queryParam("filter", "userName sw \"" + prefix + "\"")
                            .queryParam("cursor", cursor).queryParam("count", 4).queryParam("sortOrder", order[1]);
                    if (order[0] != null) {
                        r.queryParam("sortBy", order[0]);
                    }
                    JsonPath page = r.get(USERS).then().statusCode(200).extract().jsonPath();
                    seen.addAll(page.getList("Resources.userName"));
                    cursor = page.getString("nextCursor");
                    if (pages++ < 4) {
                        // between pages: a user that sorts first by userName, one that sorts last, one in between
                        scim().createUser(prefix + "-0" + randomLetters() + "@example.com");
                        scim().createUser(prefix + "-zz" + randomLetters() + "@example.com");
                        scim().createUser(prefix + "-" + randomLetters() + "@example.com");
                    }
                } while (cursor != null && pages < 500);
                assertTrue(cursor == null, what + ": the walk ends");
                assertEquals(seen.size(), new HashSet<>(seen).size(), what + ": a user seen twice: " + seen);
                assertTrue(seen.containsAll(before), what + ": a user skipped: " + seen);
            }
        } finally {
            stop.set(true);
            running.get();
            inserter.shutdown();
        }
        assertTrue(created.get() > 0, "the concurrent inserts ran");
    }

    private static String randomLetters() {
        StringBuilder b = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    @Test
    void startIndexAndCursorTogetherAreRefused() {
        scim().request().queryParam("startIndex", 1).queryParam("cursor", "").get(USERS)
                .then().statusCode(400)
                .body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("not both"));
        scim().request().body("{\"startIndex\":1,\"cursor\":\"\"}").post(USERS + "/.search")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    void alteredAndMadeUpCursorsAreInvalid() {
        String filter = "userName sw \"" + threeUsers("bad") + "\"";
        String next = firstNextCursor(filter);
        byte[] bytes = Base64.getUrlDecoder().decode(next);
        bytes[bytes.length / 2] ^= 1;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        for (String cursor : List.of(altered, next.substring(1), next + "A", "VZUTiyhEQJ94IR", "not a cursor",
                "x".repeat(5000))) {
            scim().request().queryParam("filter", filter).queryParam("cursor", cursor).queryParam("count", 1)
                    .get(USERS).then().statusCode(400)
                    .contentType(containsString("application/scim+json"))
                    .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .body("status", equalTo("400"))
                    .body("scimType", equalTo("invalidCursor"))
                    .body("detail", containsString("send an empty cursor"));
        }
    }

    @Test
    void aCursorContinuesOnlyTheQueryThatReturnedIt() {
        String prefix = "bound" + tag();
        users(prefix, 3);
        String filter = "userName sw \"" + prefix + "\"";
        String next = scim().request().queryParam("filter", filter).queryParam("cursor", "").queryParam("count", 1)
                .queryParam("sortBy", "userName").get(USERS).then().statusCode(200).extract().path("nextCursor");
        List<UnaryOperator<RequestSpecification>> others = List.of(
                r -> r.queryParam("filter", "userName sw \"" + prefix + "-0\"").queryParam("sortBy", "userName"),
                r -> r.queryParam("filter", filter),
                r -> r.queryParam("filter", filter).queryParam("sortBy", "displayName"),
                r -> r.queryParam("filter", filter).queryParam("sortBy", "userName")
                        .queryParam("sortOrder", "descending"));
        for (UnaryOperator<RequestSpecification> other : others) {
            other.apply(scim().request()).queryParam("cursor", next).queryParam("count", 1).get(USERS)
                    .then().statusCode(400)
                    .body("scimType", equalTo("invalidCursor"))
                    .body("detail", containsString("another query"));
        }
        // the same filter and sortBy on /Groups: another resource type, so another query
        String byExternalId = scim().request().queryParam("filter", "externalId sw \"" + prefix + "\"")
                .queryParam("sortBy", "externalId").queryParam("cursor", "").queryParam("count", 1).get(USERS)
                .then().statusCode(200).extract().path("nextCursor");
        scim().request().queryParam("filter", "externalId sw \"" + prefix + "\"").queryParam("sortBy", "externalId")
                .queryParam("cursor", byExternalId).get("/scim/v2/Groups")
                .then().statusCode(400).body("scimType", equalTo("invalidCursor"));
        // another organisation's admin, same filter: the cursor names no page of theirs
        Scim other = new Scim(TestClient.newOrg("cursor-other"));
        other.request().queryParam("filter", filter).queryParam("sortBy", "userName").queryParam("cursor", next)
                .get(USERS).then().statusCode(400).body("scimType", equalTo("invalidCursor"));
        // the query it belongs to still takes it, with another count
        scim().request().queryParam("filter", filter).queryParam("sortBy", "userName").queryParam("cursor", next)
                .queryParam("count", 5).get(USERS).then().statusCode(200).body("Resources", hasSize(2));
    }

    /**
     * An expired cursor: re-signed with the service's key (the tests' operator token derives it, see Cursors) at an
     * issue time beyond cursorTimeout. The same cursor re-signed as issued now is taken, which shows the key is right.
     */
    @Test
    void anExpiredCursorIsRefusedAsExpired() {
        String filter = "userName sw \"" + threeUsers("old") + "\"";
        String next = firstNextCursor(filter);
        CursorCodec codec = new CursorCodec(CursorCodec.deriveKey(TestClient.OPERATOR_TOKEN), Duration.ofHours(1));
        byte[] query = Arrays.copyOfRange(Base64.getUrlDecoder().decode(next), 26, 42); // the query fingerprint
        Cursor position = codec.decode(next, query, Instant.now());
        long timeout = scim().request().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .extract().jsonPath().getLong("pagination.cursorTimeout");
        String fresh = codec.encode(position, query, Instant.now());
        scim().request().queryParam("filter", filter).queryParam("cursor", fresh).queryParam("count", 1).get(USERS)
                .then().statusCode(200).body("Resources", hasSize(1));
        String expired = codec.encode(position, query, Instant.now().minusSeconds(timeout + 60));
        scim().request().queryParam("filter", filter).queryParam("cursor", expired).queryParam("count", 1).get(USERS)
                .then().statusCode(400)
                .body("scimType", equalTo("expiredCursor"))
                .body("detail", containsString(timeout + " seconds"));
    }

    @Test
    void serviceProviderConfigAdvertisesBothWaysOfPaging() {
        scim().request().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .body("pagination.cursor", equalTo(true))
                .body("pagination.index", equalTo(true))
                .body("pagination.defaultPaginationMethod", equalTo("index"))
                .body("pagination.defaultPageSize", equalTo(100))
                .body("pagination.maxPageSize", equalTo(1000))
                .body("pagination.cursorTimeout", equalTo(3600))
                .body("sort.supported", equalTo(true));
        // index paging stays the default: no cursor in, none out
        scim().request().queryParam("count", 1).get(USERS).then().statusCode(200)
                .body("startIndex", equalTo(1)).body("$", not(hasKey("nextCursor")));
    }

    @Test
    void aPageIsBoundedByMaxPageSize() {
        String prefix = "max" + tag();
        users(prefix, 2);
        scim().request().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("cursor", "")
                .queryParam("count", 1_000_000).get(USERS).then().statusCode(200)
                .body("Resources", hasSize(2)).body("Resources.userName", everyItem(notNullValue()));
    }

    /** Creates three users under a new prefix starting with {@code start}; returns the prefix. */
    String threeUsers(String start) {
        String prefix = start + tag();
        users(prefix, 3);
        return prefix;
    }

    /** The nextCursor of the first page, of one user, of {@code filter}. */
    String firstNextCursor(String filter) {
        return scim().request().queryParam("filter", filter).queryParam("cursor", "").queryParam("count", 1)
                .get(USERS).then().statusCode(200).extract().path("nextCursor");
    }

    /** Follows nextCursor from an empty cursor; returns {@code field} of every resource in page order. */
    List<String> walk(UnaryOperator<RequestSpecification> query, String path, int count, String field) {
        List<String> out = new ArrayList<>();
        String cursor = "";
        Set<String> cursors = new HashSet<>();
        while (cursor != null) {
            assertTrue(cursors.add(cursor), "a cursor came back twice: " + cursor);
            JsonPath page = query.apply(scim().request()).queryParam("cursor", cursor).queryParam("count", count)
                    .get(path).then().statusCode(200).extract().jsonPath();
            List<String> values = page.getList("Resources." + field);
            assertTrue(values.size() <= count);
            out.addAll(values);
            cursor = page.getString("nextCursor");
            assertNull(page.get("startIndex"));
        }
        assertNotNull(out);
        return out;
    }
}
