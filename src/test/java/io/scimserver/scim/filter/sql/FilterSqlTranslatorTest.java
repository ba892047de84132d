package io.scimserver.scim.filter.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.scim.schema.TestSchemas;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FilterSqlTranslatorTest {

    static final String ID = "2819c223-7f76-453a-919d-413861904646";
    static final String ENT = "u.attributes -> 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'";
    static final String TEST = "u.attributes -> 'urn:example:params:scim:schemas:extension:test:2.0:User'";
    static final OffsetDateTime MAY_13 = OffsetDateTime.parse("2011-05-13T04:42:34Z");

    static String elements(String array, String alias) {
        return "FROM jsonb_array_elements(CASE WHEN jsonb_typeof(" + array + ") = 'array' THEN " + array
                + " ELSE '[]'::jsonb END) AS " + alias + "(v)";
    }

    static String anyEmail(String alias, String condition) {
        return "EXISTS (SELECT 1 " + elements("u.attributes -> 'emails'", alias) + " WHERE " + condition + ")";
    }

    static String present(String json) {
        return "COALESCE(" + json + " NOT IN ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb), FALSE)";
    }

    static String like(String text, String alias) {
        return "COALESCE(lower(" + alias + text + ") LIKE lower(?) ESCAPE '\\', FALSE)";
    }

    static final String USER_TYPE_EQ = "COALESCE(lower(u.attributes ->> 'userType') = lower(?), FALSE)";

    /** Every filter example of RFC 7644 §3.4.2.2 against Users. */
    static Stream<Arguments> rfcExamples() {
        return Stream.of(
                Arguments.of("userName eq \"bjensen\"", "lower(u.user_name) = lower(?)", List.of("bjensen")),
                Arguments.of("name.familyName co \"O'Malley\"",
                        "COALESCE(lower(u.attributes -> 'name' ->> 'familyName') LIKE lower(?) ESCAPE '\\', FALSE)",
                        List.of("%O'Malley%")),
                Arguments.of("userName sw \"J\"", "lower(u.user_name) LIKE lower(?) ESCAPE '\\'", List.of("J%")),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
                        "lower(u.user_name) LIKE lower(?) ESCAPE '\\'", List.of("J%")),
                Arguments.of("title pr", present("u.attributes -> 'title'"), List.of()),
                Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34Z\"", "u.last_modified > ?", List.of(MAY_13)),
                Arguments.of("meta.lastModified ge \"2011-05-13T04:42:34Z\"", "u.last_modified >= ?", List.of(MAY_13)),
                Arguments.of("meta.lastModified lt \"2011-05-13T04:42:34Z\"", "u.last_modified < ?", List.of(MAY_13)),
                Arguments.of("meta.lastModified le \"2011-05-13T04:42:34Z\"", "u.last_modified <= ?", List.of(MAY_13)),
                Arguments.of("title pr and userType eq \"Employee\"",
                        "(" + present("u.attributes -> 'title'") + " AND " + USER_TYPE_EQ + ")", List.of("Employee")),
                Arguments.of("title pr or userType eq \"Intern\"",
                        "(" + present("u.attributes -> 'title'") + " OR " + USER_TYPE_EQ + ")", List.of("Intern")),
                Arguments.of("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        "(" + USER_TYPE_EQ + " AND (" + anyEmail("e1", like(" ->> 'value'", "e1.v"))
                                + " OR " + anyEmail("e2", like(" ->> 'value'", "e2.v")) + "))",
                        List.of("Employee", "%example.com%", "%example.org%")),
                Arguments.of("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
                        "(lower(u.attributes ->> 'userType') IS DISTINCT FROM lower(?) AND NOT (("
                                + anyEmail("e1", like(" ->> 'value'", "e1.v")) + " OR "
                                + anyEmail("e2", like(" ->> 'value'", "e2.v")) + ")))",
                        List.of("Employee", "%example.com%", "%example.org%")),
                Arguments.of("userType eq \"Employee\" and (emails.type eq \"work\")",
                        "(" + USER_TYPE_EQ + " AND "
                                + anyEmail("e1", "COALESCE(lower(e1.v ->> 'type') = lower(?), FALSE)") + ")",
                        List.of("Employee", "work")),
                Arguments.of("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        "(" + USER_TYPE_EQ + " AND " + anyEmail("e1", "(COALESCE(lower(e1.v ->> 'type') = lower(?), "
                                + "FALSE) AND " + like(" ->> 'value'", "e1.v") + ")") + ")",
                        List.of("Employee", "work", "%@example.com%")),
                Arguments.of("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
                        "(" + anyEmail("e1", "(COALESCE(lower(e1.v ->> 'type') = lower(?), FALSE) AND "
                                + like(" ->> 'value'", "e1.v") + ")") + " OR EXISTS (SELECT 1 "
                                + elements("u.attributes -> 'ims'", "e2") + " WHERE (COALESCE(lower(e2.v ->> 'type') = "
                                + "lower(?), FALSE) AND " + like(" ->> 'value'", "e2.v") + ")))",
                        List.of("work", "%@example.com%", "xmpp", "%@foo.com%")));
    }

    /** One case per mapping rule of the Users whitelist. */
    static Stream<Arguments> userMappings() {
        String groups = "EXISTS (SELECT 1 FROM memberships m JOIN roles g ON g.id = m.role_id AND g.source = "
                + "'PROVISIONED' WHERE m.user_id = u.id";
        return Stream.of(
                Arguments.of("id eq \"" + ID + "\"", "u.id = ?", List.of(UUID.fromString(ID))),
                Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34\"", "u.last_modified > ?", List.of(MAY_13)),
                Arguments.of("meta.resourceType eq \"User\"", "TRUE", List.of()),
                Arguments.of("meta.resourceType eq \"Group\"", "FALSE", List.of()),
                Arguments.of("meta.resourceType ne \"Group\"", "TRUE", List.of()),
                Arguments.of("meta.resourceType pr", "TRUE", List.of()),
                Arguments.of("ID EQ \"" + ID.toUpperCase() + "\"", "u.id = ?", List.of(UUID.fromString(ID))),
                Arguments.of("id eq \"not-a-uuid\"", "FALSE", List.of()),
                Arguments.of("id ne \"not-a-uuid\"", "TRUE", List.of()),
                Arguments.of("id sw \"2819C2\"", "u.id::text LIKE ? ESCAPE '\\'", List.of("2819c2%")),
                Arguments.of("username eq \"A@B.com\"", "lower(u.user_name) = lower(?)", List.of("A@B.com")),
                Arguments.of("userName pr", "u.user_name <> ''", List.of()),
                Arguments.of("externalId eq \"Ab\"", "(u.external_id IS NOT NULL AND u.external_id = ?)", List.of("Ab")),
                Arguments.of("externalId ne \"Ab\"", "u.external_id IS DISTINCT FROM ?", List.of("Ab")),
                Arguments.of("externalId pr", "(u.external_id IS NOT NULL AND u.external_id <> '')", List.of()),
                Arguments.of("displayName eq \"Eng\"",
                        "(u.display_name IS NOT NULL AND lower(u.display_name) = lower(?))", List.of("Eng")),
                Arguments.of("displayName ne \"Eng\"", "lower(u.display_name) IS DISTINCT FROM lower(?)",
                        List.of("Eng")),
                Arguments.of("active eq true", "u.active = ?", List.of(true)),
                Arguments.of("active ne \"False\"", "u.active IS DISTINCT FROM ?", List.of(false)),
                Arguments.of("active pr", "TRUE", List.of()),
                Arguments.of("meta.created eq \"2011-05-13T04:42:34Z\"", "u.created = ?", List.of(MAY_13)),
                Arguments.of("meta.version eq \"W/\\\"3\\\"\"", "u.version = ?", List.of(3L)),
                Arguments.of("meta.version eq \"abc\"", "FALSE", List.of()),
                Arguments.of("groups eq \"" + ID + "\"", groups + " AND g.id = ?)", List.of(UUID.fromString(ID))),
                Arguments.of("groups.value eq \"" + ID + "\"", groups + " AND g.id = ?)", List.of(UUID.fromString(ID))),
                Arguments.of("groups.value eq \"x\"", groups + " AND FALSE)", List.of()),
                Arguments.of("groups.display co \"Eng\"", groups + " AND lower(g.name) LIKE lower(?) ESCAPE '\\')",
                        List.of("%Eng%")),
                Arguments.of("groups[display eq \"Eng\"]", groups + " AND lower(g.name) = lower(?))", List.of("Eng")),
                Arguments.of("groups pr", groups + ")", List.of()),
                Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\"",
                        "COALESCE(lower(" + ENT + " ->> 'employeeNumber') = lower(?), FALSE)", List.of("7")),
                Arguments.of("employeeNumber eq \"7\"",
                        "COALESCE(lower(" + ENT + " ->> 'employeeNumber') = lower(?), FALSE)", List.of("7")),
                Arguments.of("id eq \"a\" and manager eq \"b\"",
                        "(FALSE AND COALESCE(" + ENT + " -> 'manager' ->> 'value' = ?, FALSE))", List.of("b")),
                Arguments.of("manager.value eq \"b\"", "COALESCE(" + ENT + " -> 'manager' ->> 'value' = ?, FALSE)",
                        List.of("b")),
                Arguments.of("NAME.FAMILYNAME eq \"J\"",
                        "COALESCE(lower(u.attributes -> 'name' ->> 'familyName') = lower(?), FALSE)", List.of("J")),
                Arguments.of("name[givenName eq \"B\"]",
                        "COALESCE(lower(u.attributes -> 'name' ->> 'givenName') = lower(?), FALSE)", List.of("B")),
                Arguments.of("name pr", present("u.attributes -> 'name'"), List.of()),
                Arguments.of("nickName eq null", "NOT (" + present("u.attributes -> 'nickName'") + ")", List.of()),
                Arguments.of("nickName ne null", present("u.attributes -> 'nickName'"), List.of()),
                Arguments.of("nickName co \"50%_a\\\\b\"",
                        "COALESCE(lower(u.attributes ->> 'nickName') LIKE lower(?) ESCAPE '\\', FALSE)",
                        List.of("%50\\%\\_a\\\\b%")),
                Arguments.of("emails pr", "EXISTS (SELECT 1 " + elements("u.attributes -> 'emails'", "e1") + ")",
                        List.of()),
                Arguments.of("emails.value pr", anyEmail("e1", present("e1.v -> 'value'")), List.of()),
                Arguments.of("emails[primary eq true]",
                        anyEmail("e1", "COALESCE(lower(e1.v ->> 'primary') = ?, FALSE)"), List.of("true")),
                Arguments.of("x509Certificates.value eq \"AbC\"", "EXISTS (SELECT 1 "
                        + elements("u.attributes -> 'x509Certificates'", "e1")
                        + " WHERE COALESCE(e1.v ->> 'value' = ?, FALSE))", List.of("AbC")),
                Arguments.of("tags eq \"x\"", "EXISTS (SELECT 1 " + elements("u.attributes -> 'tags'", "e1")
                        + " WHERE COALESCE(lower((e1.v #>> '{}')) = lower(?), FALSE))", List.of("x")),
                Arguments.of("level gt 3", "COALESCE((CASE WHEN jsonb_typeof(" + TEST + " -> 'level') = 'number' "
                        + "THEN (" + TEST + " -> 'level')::numeric END) > ?, FALSE)", List.of(new BigDecimal("3"))),
                Arguments.of("hired lt \"2020-01-01T00:00:00+02:00\"",
                        "COALESCE((" + TEST + " ->> 'hired')::timestamptz < ?, FALSE)",
                        List.of(OffsetDateTime.parse("2020-01-01T00:00:00+02:00"))));
    }

    static Stream<Arguments> groupMappings() {
        String members = "EXISTS (SELECT 1 FROM memberships m LEFT JOIN users mu ON mu.id = m.user_id "
                + "WHERE m.role_id = r.id";
        return Stream.of(
                Arguments.of("displayName eq \"Eng\"", "lower(r.name) = lower(?)", List.of("Eng")),
                Arguments.of("meta.resourceType eq \"Group\"", "TRUE", List.of()),
                Arguments.of("meta.resourceType eq \"User\"", "FALSE", List.of()),
                Arguments.of("id eq \"" + ID + "\"", "r.id = ?", List.of(UUID.fromString(ID))),
                Arguments.of("externalId eq \"x\"", "(r.external_id IS NOT NULL AND r.external_id = ?)", List.of("x")),
                Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34Z\"", "r.last_modified > ?", List.of(MAY_13)),
                Arguments.of("members[value eq \"" + ID + "\"]", members + " AND m.user_id = ?)",
                        List.of(UUID.fromString(ID))),
                Arguments.of("members eq \"" + ID + "\"", members + " AND m.user_id = ?)", List.of(UUID.fromString(ID))),
                Arguments.of("members.value eq \"" + ID + "\"", members + " AND m.user_id = ?)",
                        List.of(UUID.fromString(ID))),
                Arguments.of("members.display sw \"B\"", members + " AND (coalesce(mu.display_name, mu.user_name) IS NOT NULL AND "
                        + "lower(coalesce(mu.display_name, mu.user_name)) LIKE lower(?) ESCAPE '\\'))", List.of("B%")),
                Arguments.of("members pr", members + ")", List.of()),
                Arguments.of("not (members pr)", "NOT (" + members + "))", List.of()));
    }

    @ParameterizedTest
    @MethodSource({"rfcExamples", "userMappings"})
    void translatesUserFilters(String filter, String sql, List<Object> params) {
        SqlFragment fragment = users(filter);
        assertEquals(sql, fragment.sql());
        assertEquals(params, fragment.params());
        assertEquals(params.size(), fragment.sql().chars().filter(c -> c == '?').count());
    }

    @ParameterizedTest
    @MethodSource("groupMappings")
    void translatesGroupFilters(String filter, String sql, List<Object> params) {
        SqlFragment fragment = new FilterSqlTranslator(ScimTable.GROUPS, TestSchemas.GROUPS)
                .translate(FilterParser.parse(filter, 10));
        assertEquals(sql, fragment.sql());
        assertEquals(params, fragment.params());
    }

    @Test
    void givesTheSameSqlForTheSameFilterEveryTime() {
        FilterSqlTranslator translator = translator();
        var filter = FilterParser.parse("emails co \"a\" or ims co \"b\"", 10);
        assertEquals(translator.translate(filter), translator.translate(filter));
    }

    /** A chain is written flat, however long: (a OR b OR c), no recursion per operand. */
    @Test
    void writesLongChainsFlat() {
        assertEquals("(lower(u.user_name) = lower(?) OR lower(u.user_name) = lower(?) OR lower(u.user_name) = lower(?))",
                users("userName eq \"a\" or userName eq \"b\" or userName eq \"c\"").sql());
        String chain = java.util.stream.IntStream.range(0, 50_000).mapToObj(i -> "userName eq \"" + i + "\"")
                .collect(java.util.stream.Collectors.joining(" or "));
        SqlFragment fragment = translator().translate(FilterParser.parse(chain, 1));
        assertEquals(50_000, fragment.params().size());
    }

    @Test
    void neverPutsAValueIntoTheSql() {
        String evil = "x'); DROP TABLE users; --";
        SqlFragment fragment = users("userName eq \"" + evil + "\" or name.familyName co \"" + evil + "\"");
        assertTrue(!fragment.sql().contains("DROP"), fragment.sql());
        assertEquals(List.of(evil, "%" + evil + "%"), fragment.params());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            foo eq "x"                          | unknown attribute "foo"
            name.foo eq "x"                     | unknown attribute "name.foo"
            urn:x:y:Z:userName eq "x"           | unknown attribute "urn:x:y:Z:userName"
            password eq "secret"                | "password" is never returned and cannot be used in a filter
            active gt true                      | operator "gt" cannot be used on the boolean attribute "active"
            active co "t"                       | operator "co" cannot be used on the boolean attribute "active"
            emails[primary co "t"]              | operator "co" cannot be used on the boolean attribute "primary"
            active eq "yes"                     | "active" is compared with "yes" but needs a boolean value
            userName eq 12                      | "userName" is compared with 12 but needs a string value
            level co "3"                        | operator "co" cannot be used on the integer attribute "level"
            level eq "3"                        | needs a number value
            meta.lastModified gt "yesterday"    | "yesterday" is not an xsd:dateTime
            meta.lastModified sw "2011"         | operator "sw" cannot be used on the dateTime attribute
            meta eq "x"                         | "meta" needs a sub-attribute
            meta.location eq "x"                | filtering on meta.location is not supported
            schemas eq "urn:ietf:params:scim:schemas:core:2.0:User" | filtering on "schemas" is not supported
            schemas pr                          | filtering on "schemas" is not supported
            name eq "x"                         | "name" is complex
            groups.$ref eq "x"                  | filtering on groups.$ref is not supported
            emails[foo eq "x"]                  | unknown sub-attribute "foo" of "emails"
            emails[name.givenName eq "x"]       | must be a sub-attribute name
            userName[value eq "x"]              | needs a multi-valued or complex attribute
            userName gt null                    | "gt null" is meaningless
            """)
    void refusesFiltersThatDoNotFitTheSchema(String filter, String detail) {
        ScimException e = assertThrows(ScimException.class, () -> users(filter));
        assertEquals(ScimType.INVALID_FILTER, e.scimType());
        assertEquals(400, e.status());
        assertTrue(e.detail().contains(detail), e.detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            userName           | lower(u.user_name)                                             | text        | false
            USERNAME           | lower(u.user_name)                                             | text        | false
            externalId         | u.external_id                                                  | text        | true
            displayName        | lower(u.display_name)                                          | text        | true
            id                 | u.id                                                           | uuid        | false
            active             | u.active                                                       | boolean     | false
            meta.created       | u.created                                                      | timestamptz | false
            meta.lastModified  | u.last_modified                                                | timestamptz | false
            meta.version       | u.version                                                      | bigint      | false
            name.familyName    | left(lower(u.attributes -> 'name' ->> 'familyName'), 512)      | text        | true
            title              | left(lower(u.attributes ->> 'title'), 512)                     | text        | true
            """)
    void sortsByTheMappedExpression(String sortBy, String expr, String type, boolean nullable) {
        assertEquals(new SortKey(expr, type, nullable), translator().sortKey(FilterParser.parsePath(sortBy).attr()));
    }

    @Test
    void sortsAMultiValuedAttributeByItsPrimaryElementElseItsFirst() {
        String byValue = "(SELECT left(lower(e1.v ->> 'value'), 512) " + elements("u.attributes -> 'emails'", "e1")
                .replace(" AS e1(v)", " WITH ORDINALITY AS e1(v, n)")
                + " ORDER BY COALESCE(lower(e1.v ->> 'primary') = 'true', FALSE) DESC, e1.n LIMIT 1)";
        assertEquals(new SortKey(byValue, "text", true), translator().sortKey(AttrPath.of("emails")));
        assertEquals(new SortKey(byValue, "text", true), translator().sortKey(AttrPath.of("emails", "value")));
        assertEquals(new SortKey(byValue.replace("'value'", "'type'"), "text", true),
                translator().sortKey(AttrPath.of("emails", "type")));
        assertEquals(new SortKey("lower(r.name)", "text", false),
                new FilterSqlTranslator(ScimTable.GROUPS, TestSchemas.GROUPS).sortKey(AttrPath.of("displayName")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nickname.foo        | invalidPath  | sortBy names no attribute of the User schema
            noSuchAttribute     | invalidPath  | sortBy names no attribute of the User schema
            name.noSuch         | invalidPath  | "name.noSuch"
            groups              | invalidValue | cannot sort by "groups": it lists memberships
            groups.display      | invalidValue | cannot sort by "groups.display"
            name                | invalidValue | sort by one of its sub-attributes, such as name.
            password            | invalidValue | is never returned
            schemas             | invalidValue | cannot sort by "schemas"
            meta                | invalidValue | cannot sort by "meta"
            meta.location       | invalidValue | cannot sort by "meta.location"
            """)
    void refusesToSortByWhatItCannot(String sortBy, String scimType, String detail) {
        ScimException e = assertThrows(ScimException.class,
                () -> translator().sortKey(FilterParser.parsePath(sortBy).attr()));
        assertEquals(400, e.status());
        assertEquals(scimType, e.scimType().keyword(), e.detail());
        assertTrue(e.detail().contains(detail), e.detail());
    }

    static FilterSqlTranslator translator() {
        return new FilterSqlTranslator(ScimTable.USERS, TestSchemas.USERS);
    }

    static SqlFragment users(String filter) {
        return translator().translate(FilterParser.parse(filter, 10));
    }
}
