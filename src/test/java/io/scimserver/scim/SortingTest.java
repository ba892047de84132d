package io.scimserver.scim;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * sortBy on every kind of attribute the filter engine reads (RFC 7644 §3.4.2.3), both directions, with ties broken by
 * id, absent values last in both directions, multi-valued attributes by their primary element or else the first, by
 * index and by cursor (forwards and back), against orders computed here from the fixtures.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SortingTest {

    private static final String ENTERPRISE = Scim.ENTERPRISE;

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    /** A user as created, with the values each sortBy reads (null: absent). */
    record Person(String id, String userName, String displayName, String externalId, String familyName,
            String givenName, String email, String emailType, String title, boolean active, String employeeNumber,
            Instant created, Instant lastModified) {
    }

    /** What each sortBy sorts by, as this test expects it (text without regard to case where caseExact is false). */
    private static final Map<String, Function<Person, Comparable<?>>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("userName", p -> lower(p.userName()));
        KEYS.put("displayName", p -> lower(p.displayName()));
        KEYS.put("externalId", Person::externalId); // caseExact (the fixtures avoid case, which collations order apart)
        KEYS.put("name.familyName", p -> lower(p.familyName()));
        KEYS.put("name.givenName", p -> lower(p.givenName()));
        KEYS.put("emails", p -> lower(p.email()));
        KEYS.put("emails.value", p -> lower(p.email()));
        KEYS.put("emails.type", p -> lower(p.emailType()));
        KEYS.put("title", p -> lower(p.title()));
        KEYS.put("active", Person::active);
        KEYS.put(ENTERPRISE + ":employeeNumber", Person::employeeNumber);
        KEYS.put("meta.created", Person::created);
        KEYS.put("meta.lastModified", Person::lastModified);
        KEYS.put("id", Person::id);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static volatile List<Person> people;
    private static volatile String prefix;

    /**
     * Five users with ties and gaps: userNames differing in case only by their first letter, two equal displayNames,
     * familyNames all "same" but one, givenNames equal without regard to case, an email that is primary but not first,
     * one list without a primary, a user without emails; creation and modification times set with ties.
     */
    synchronized List<Person> people() {
        if (people != null) {
            return people;
        }
        prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
        List<Person> out = new ArrayList<>();
        out.add(create("alpha", "Delta", "e3", "Same", "Zoe",
                "[{\"value\":\"zed@x.test\",\"type\":\"home\"},{\"value\":\"abe@x.test\",\"type\":\"work\",\"primary\":true}]",
                "abe@x.test", "work", "engineer", true, "30", T0.plusSeconds(10), T0.plusSeconds(500)));
        out.add(create("Bravo", null, "e1", "Same", "Amy",
                "[{\"value\":\"mid@x.test\",\"type\":\"other\"},{\"value\":\"aaa@x.test\",\"type\":\"work\"}]",
                "mid@x.test", "other", null, false, "4", T0.plusSeconds(10), T0.plusSeconds(100)));
        out.add(create("charlie", "alpha", null, "Other", null, null, null, null, "analyst", true, null,
                T0, T0.plusSeconds(500)));
        out.add(create("delta", "delta", "e2", "Same", "amy",
                "[{\"value\":\"ABE@x.test\",\"type\":\"Work\",\"primary\":true}]", "ABE@x.test", "Work", "Engineer",
                true, "30", T0.plusSeconds(20), T0.plusSeconds(300)));
        out.add(create("Echo", "bravo", "e1", "Same", null, "[]", null, null, null, false, "5",
                T0.plusSeconds(5), T0.plusSeconds(100)));
        people = List.copyOf(out);
        return people;
    }

    private Person create(String name, String displayName, String externalId, String familyName, String givenName,
            String emails, String email, String emailType, String title, boolean active, String employeeNumber,
            Instant created, Instant lastModified) {
        String userName = prefix + "-" + name;
        StringBuilder body = new StringBuilder("{\"schemas\":[\"" + Scim.USER + "\",\"" + ENTERPRISE + "\"]")
                .append(",\"userName\":\"").append(userName).append("\",\"active\":").append(active)
                .append(",\"name\":{\"familyName\":\"").append(familyName).append("\"")
                .append(givenName == null ? "" : ",\"givenName\":\"" + givenName + "\"").append("}");
        if (displayName != null) {
            body.append(",\"displayName\":\"").append(displayName).append("\"");
        }
        if (externalId != null) {
            body.append(",\"externalId\":\"").append(externalId).append("\"");
        }
        if (emails != null) {
            body.append(",\"emails\":").append(emails);
        }
        if (title != null) {
            body.append(",\"title\":\"").append(title).append("\"");
        }
        if (employeeNumber != null) {
            body.append(",\"").append(ENTERPRISE).append("\":{\"employeeNumber\":\"").append(employeeNumber)
                    .append("\"}");
        }
        String id = scim().request().body(body.append("}").toString()).post("/scim/v2/Users")
                .then().statusCode(201).extract().path("id");
        TestClient.sql("update users set created = ?, last_modified = ? where id = ?::uuid",
                Timestamp.from(created), Timestamp.from(lastModified), id);
        return new Person(id, userName, displayName, externalId, familyName, givenName, email, emailType, title,
                active, employeeNumber, created, lastModified);
    }

    /** The expected order: key in the direction asked, absent keys last either way, then id in the same direction. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static List<String> expected(List<Person> people, String sortBy, boolean descending) {
        Function<Person, Comparable<?>> key = KEYS.get(sortBy);
        Comparator<Person> byKey = (a, b) -> {
            Comparable ka = key.apply(a);
            Comparable kb = key.apply(b);
            if (ka == null || kb == null) {
                return ka == kb ? 0 : ka == null ? 1 : -1;
            }
            return descending ? kb.compareTo(ka) : ka.compareTo(kb);
        };
        // uuid order in PostgreSQL is the order of the lower-case hex text (Java's UUID.compareTo is signed)
        Comparator<Person> byId = descending ? Comparator.comparing(Person::id).reversed()
                : Comparator.comparing(Person::id);
        return people.stream().sorted(byKey.thenComparing(byId)).map(Person::userName).toList();
    }

    @Test
    void everySortableAttributeInBothDirectionsByIndexAndByCursor() {
        List<Person> all = people();
        String filter = "userName sw \"" + prefix + "\"";
        for (String sortBy : KEYS.keySet()) {
            for (boolean descending : new boolean[] { false, true }) {
                String what = sortBy + (descending ? " descending" : " ascending");
                List<String> expected = expected(all, sortBy, descending);
                String order = descending ? "descending" : "ascending";
                List<String> byIndex = scim().request().queryParam("filter", filter).queryParam("sortBy", sortBy)
                        .queryParam("sortOrder", order).get("/scim/v2/Users")
                        .then().statusCode(200).extract().path("Resources.userName");
                assertEquals(expected, byIndex, what + " by index");
                // two per page: forwards by nextCursor, then back from the last page by previousCursor
                List<String> forwards = new ArrayList<>();
                List<List<String>> pages = new ArrayList<>();
                String cursor = "";
                JsonPath page = null;
                while (cursor != null) {
                    page = scim().request().queryParam("filter", filter).queryParam("sortBy", sortBy)
                            .queryParam("sortOrder", order).queryParam("cursor", cursor).queryParam("count", 2)
                            .get("/scim/v2/Users").then().statusCode(200).extract().jsonPath();
                    pages.add(page.getList("Resources.userName"));
                    forwards.addAll(page.getList("Resources.userName"));
                    cursor = page.getString("nextCursor");
                }
                assertEquals(expected, forwards, what + " by cursor");
                List<String> backwards = new ArrayList<>(pages.get(pages.size() - 1));
                cursor = page.getString("previousCursor");
                while (cursor != null) {
                    page = scim().request().queryParam("filter", filter).queryParam("sortBy", sortBy)
                            .queryParam("sortOrder", order).queryParam("cursor", cursor).queryParam("count", 2)
                            .get("/scim/v2/Users").then().statusCode(200).extract().jsonPath();
                    backwards.addAll(0, page.getList("Resources.userName"));
                    cursor = page.getString("previousCursor");
                }
                assertEquals(expected, backwards, what + " by previousCursor");
            }
        }
    }

    @Test
    void sortByIsCaseInsensitiveAndSortOrderDefaultsToAscending() {
        List<Person> all = people();
        scim().request().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("sortBy", "NAME.GIVENNAME")
                .get("/scim/v2/Users").then().statusCode(200)
                .body("Resources.userName", equalTo(expected(all, "name.givenName", false)));
        scim().request().body("{\"filter\":\"userName sw \\\"" + prefix + "\\\"\",\"sortBy\":\"title\","
                + "\"sortOrder\":\"descending\"}").post("/scim/v2/Users/.search").then().statusCode(200)
                .body("Resources.userName", equalTo(expected(all, "title", true)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            noSuchAttribute                  | invalidPath  | sortBy names no attribute of the User schema
            name.noSuchPart                  | invalidPath  | sortBy names no attribute
            urn:example:unknown:2.0:User:x   | invalidPath  | sortBy names no attribute
            name                             | invalidValue | sort by one of its sub-attributes
            groups                           | invalidValue | cannot sort by "groups"
            password                         | invalidValue | cannot sort by "password"
            emails[type eq "work"]           | invalidValue | sortBy names one attribute
            """)
    void aSortByThatNamesNothingSortableIsA400SayingWhy(String sortBy, String scimType, String detail) {
        scim().request().queryParam("sortBy", sortBy).get("/scim/v2/Users")
                .then().statusCode(400)
                .body("scimType", equalTo(scimType))
                .body("detail", containsString(detail));
        scim().request().queryParam("sortBy", sortBy).queryParam("cursor", "").get("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo(scimType));
    }

    @Test
    void groupsSortByTheirAttributesWithTiesBrokenById() {
        String tag = "g" + UUID.randomUUID().toString().substring(0, 8);
        List<String[]> groups = List.of(new String[] { "b", "x2" }, new String[] { "A", "x1" },
                new String[] { "c", "x1" }, new String[] { "d", null });
        Map<String, String> ids = new LinkedHashMap<>();
        int i = 0;
        for (String[] g : groups) {
            String id = scim().request().body("{\"schemas\":[\"" + Scim.GROUP + "\"],\"displayName\":\"" + tag + "-"
                    + g[0] + "\"" + (g[1] == null ? "" : ",\"externalId\":\"" + g[1] + "\"") + "}")
                    .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
            TestClient.sql("update roles set created = ?, last_modified = ? where id = ?::uuid",
                    Timestamp.from(T0.plusSeconds(i % 2)), Timestamp.from(T0.plusSeconds(10 - i)), id);
            ids.put(tag + "-" + g[0], id);
            i++;
        }
        List<String> byName = List.of(tag + "-A", tag + "-b", tag + "-c", tag + "-d");
        assertEquals(byName, groupsBy(tag, "displayName", "ascending"));
        assertEquals(byName.reversed(), groupsBy(tag, "displayName", "descending"));
        // x1 twice (then by id), x2, absent last
        List<String> x1 = new ArrayList<>(List.of(tag + "-A", tag + "-c"));
        x1.sort(Comparator.comparing(ids::get));
        List<String> byExternalId = new ArrayList<>(x1);
        byExternalId.add(tag + "-b");
        byExternalId.add(tag + "-d");
        assertEquals(byExternalId, groupsBy(tag, "externalId", "ascending"));
        // created: b and c at T0, A and d at T0+1s, each pair by id
        List<String> t0 = new ArrayList<>(List.of(tag + "-b", tag + "-c"));
        t0.sort(Comparator.comparing(ids::get));
        List<String> t1 = new ArrayList<>(List.of(tag + "-A", tag + "-d"));
        t1.sort(Comparator.comparing(ids::get));
        List<String> byCreated = new ArrayList<>(t0);
        byCreated.addAll(t1);
        assertEquals(byCreated, groupsBy(tag, "meta.created", "ascending"));
        // lastModified: b at T0+10s, A +9s, c +8s, d +7s
        assertEquals(List.of(tag + "-d", tag + "-c", tag + "-A", tag + "-b"),
                groupsBy(tag, "meta.lastModified", "ascending"));
        List<String> byId = new ArrayList<>(ids.keySet());
        byId.sort(Comparator.comparing(ids::get).reversed());
        assertEquals(byId, groupsBy(tag, "id", "descending"));
    }

    private List<String> groupsBy(String tag, String sortBy, String order) {
        return scim().request().queryParam("filter", "displayName sw \"" + tag + "\"").queryParam("sortBy", sortBy)
                .queryParam("sortOrder", order).queryParam("excludedAttributes", "members").get("/scim/v2/Groups")
                .then().statusCode(200).extract().path("Resources.displayName");
    }
}
