package io.scimserver.scim.filter.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.query.Keyset;
import io.scimserver.scim.schema.TestSchemas;
import io.scimserver.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs translated fragments against a real PostgreSQL (the tests' {@link TestPostgres} server) in a throwaway
 * database built from the V1 migration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterSqlPostgresTest {

    private static final TestPostgres SERVER = TestPostgres.server();
    private static final UUID ORG = UUID.randomUUID();
    private static final Map<String, UUID> IDS = Map.of(
            "A", UUID.randomUUID(), "B", UUID.randomUUID(), "C", UUID.randomUUID(),
            "ENG", UUID.randomUUID(), "LOCAL", UUID.randomUUID());

    private final String database = "scim_filter_test_" + UUID.randomUUID().toString().replace("-", "");
    private Connection connection;

    @BeforeAll
    void createDatabase() throws Exception {
        try (Connection admin = DriverManager.getConnection(SERVER.url("postgres"), SERVER.user(), SERVER.password());
                Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        connection = DriverManager.getConnection(SERVER.url(database), SERVER.user(), SERVER.password());
        try (Statement s = connection.createStatement()) {
            s.execute(migration());
        }
        insertRows();
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        if (connection == null) {
            return;
        }
        connection.close();
        try (Connection admin = DriverManager.getConnection(SERVER.url("postgres"), SERVER.user(), SERVER.password());
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static String migration() throws IOException {
        try (InputStream in = FilterSqlPostgresTest.class.getResourceAsStream("/db/migration/V1__identity_store.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void insertRows() throws SQLException {
        execute("INSERT INTO organizations (id, name) VALUES (?, 'acme')", ORG);
        String enterprise = TestSchemas.ENTERPRISE;
        user("A", "bjensen@example.com", "ext-a", "Barbara", true, "2012-01-01T00:00:00Z", """
                {"name": {"familyName": "O'Malley", "givenName": "Barbara"}, "userType": "Employee",
                 "title": "Tour Guide", "emails": [{"type": "work", "value": "bjensen@example.com", "primary": true}],
                 "%s": {"employeeNumber": "7", "manager": {"value": "%s"}}}""".formatted(enterprise, IDS.get("B")));
        user("B", "jsmith", null, null, false, "2010-01-01T00:00:00Z", """
                {"userType": "Intern", "emails": [{"type": "home", "value": "js@example.org", "primary": "True"}]}""");
        user("C", "50%_off", "ext-c", "Sale", true, "2011-06-01T00:00:00Z", "{}");
        role("ENG", "Eng", "PROVISIONED");
        role("LOCAL", "Local", "LOCAL");
        execute("INSERT INTO memberships (role_id, user_id, org_id) VALUES (?, ?, ?)", IDS.get("ENG"), IDS.get("A"), ORG);
        execute("INSERT INTO memberships (role_id, user_id, org_id) VALUES (?, ?, ?)", IDS.get("LOCAL"), IDS.get("B"),
                ORG);
    }

    private void user(String key, String userName, String externalId, String displayName, boolean active,
            String modified, String attributes) throws SQLException {
        execute("INSERT INTO users (id, org_id, user_name, external_id, display_name, active, attributes, created, "
                + "last_modified) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::timestamptz, ?::timestamptz)",
                IDS.get(key), ORG, userName, externalId, displayName, active, attributes, modified, modified);
    }

    private void role(String key, String name, String source) throws SQLException {
        execute("INSERT INTO roles (id, org_id, name, source, created, last_modified) VALUES (?, ?, ?, ?, now(), now())",
                IDS.get(key), ORG, name, source);
    }

    private void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private List<String> select(String table, SqlFragment where, SortKey order) throws SQLException {
        return select(table, where, order, false);
    }

    private List<String> select(String table, SqlFragment where, SortKey order, boolean descending)
            throws SQLException {
        String alias = table.equals("users") ? "u" : "r";
        String sql = "SELECT " + alias + ".id FROM " + table + " " + alias + " WHERE " + alias + ".org_id = ? AND ("
                + where.sql() + ") ORDER BY " + Keyset.orderBy(order, alias + ".id", descending, false);
        List<Object> params = new ArrayList<>();
        params.add(ORG);
        params.addAll(where.params());
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    IDS.forEach((k, v) -> {
                        if (v.equals(id)) {
                            keys.add(k);
                        }
                    });
                }
            }
        }
        return keys;
    }

    /**
     * Generated filters with the nasty values the parser accepts (numbers at the edges of the range, long digit
     * strings, U+0130, fullwidth and zero-width letters, control characters as escapes, emoji, 16,384-character
     * strings) run against PostgreSQL without an error; the values it refuses never get this far (each refusal is a
     * positioned FilterParseException, never anything else).
     */
    @org.junit.jupiter.api.Test
    void generatedNastyFiltersRunOrArePositionedErrors() throws SQLException {
        java.util.Random random = new java.util.Random(14);
        List<String> attrs = List.of("userName", "displayName", "externalId", "active", "meta.lastModified",
                "meta.created", "emails.value", "emails[type eq \"work\"].value", "name.familyName", "title", "id");
        List<String> ops = List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
        List<String> values = List.of("1e308", "-1e308", "1e-308", "-1.7976931348623157e308", "0e300", "0",
                "9".repeat(64), "-" + "1".repeat(63), "1e9999999999", "-1e9999999999", "1e-9999999999", "1e309",
                "0e999999", "\"\u0130\"", "\"\uff41\uff44\uff4d\"", "\"a\u200bb\"", "\"\\t\\n\\u0001\"",
                "\"\ud83d\ude00\"", "\"" + "s".repeat(16_384) + "\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\\\%_\"",
                "true", "null", "\"2011-05-13T04:42:34Z\"", "\"not a date\"");
        FilterSqlTranslator translator = new FilterSqlTranslator(ScimTable.USERS, TestSchemas.USERS);
        SortKey order = translator.sortKey(FilterParser.parsePath("userName").attr());
        int ran = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            String filter = attrs.get(random.nextInt(attrs.size())) + " " + ops.get(random.nextInt(ops.size())) + " "
                    + values.get(random.nextInt(values.size()));
            if (random.nextBoolean()) {
                filter = "emails[value " + ops.get(random.nextInt(ops.size())) + " "
                        + values.get(random.nextInt(values.size())) + "] or " + filter;
            }
            SqlFragment where;
            try {
                where = translator.translate(FilterParser.parse(filter, 10));
            } catch (io.scimserver.scim.filter.FilterParseException e) {
                org.junit.jupiter.api.Assertions.assertTrue(e.position() >= 0 && e.position() <= filter.length());
                refused++;
                continue;
            } catch (io.scimserver.scim.protocol.ScimException e) {
                org.junit.jupiter.api.Assertions.assertEquals(400, e.status(), filter);
                refused++;
                continue;
            }
            select("users", where, order); // an SQLException fails the test: the door let through what PG refuses
            ran++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(ran > 50 && refused > 50, "ran " + ran + ", refused " + refused);
    }

    private static String withIds(String filter) {
        String out = filter;
        for (Map.Entry<String, UUID> e : IDS.entrySet()) {
            out = out.replace("<" + e.getKey() + ">", e.getValue().toString());
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            userName eq "BJENSEN@example.com"                              | A
            userName co "%_"                                               | C
            userName sw "j"                                                | B
            not (userType eq "Employee")                                   | B,C
            userType ne "Employee"                                         | B,C
            title pr                                                       | A
            not (title pr)                                                 | B,C
            name.familyName co "o'mal"                                     | A
            emails[type eq "work" and value co "@EXAMPLE.com"]             | A
            emails co "example.org"                                        | B
            emails[primary eq true]                                        | A,B
            not (emails pr)                                                | C
            meta.lastModified gt "2011-05-13T04:42:34Z"                    | A,C
            meta.lastModified lt "2011-06-01T00:00:00Z"                    | B
            meta.lastModified gt "2011-05-13T04:42:34"                     | A,C
            meta.lastModified lt "2011-06-01T02:00:00+02:00"               | B
            meta.resourceType eq "User"                                    | A,B,C
            meta.resourceType eq "Group" or userName sw "j"                | B
            id eq "not-a-uuid"                                             | ''
            id ne "not-a-uuid"                                             | A,B,C
            id eq "<A>" and manager eq "<B>"                               | A
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7" | A
            groups.display eq "eng"                                        | A
            groups pr                                                      | A
            groups eq "<LOCAL>"                                            | ''
            active eq false                                                | B
            displayName ne "barbara"                                       | B,C
            not (externalId eq "ext-a")                                    | B,C
            userType eq "Employee" or userName eq "jsmith" and active eq true | A
            """)
    void usersFilterReturnsTheRightRows(String filter, String expected) throws SQLException {
        FilterSqlTranslator translator = new FilterSqlTranslator(ScimTable.USERS, TestSchemas.USERS);
        SqlFragment where = translator.translate(FilterParser.parse(withIds(filter), 10));
        SortKey order = translator.sortKey(FilterParser.parsePath("userName").attr());
        assertEquals(keys(expected), select("users", where, order).stream().sorted().toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            displayName eq "ENG"           | ENG
            meta.resourceType eq "user"    | ''
            meta.resourceType sw "Gr"      | ENG,LOCAL
            members[value eq "<A>"]        | ENG
            members.display sw "bar"       | ENG
            members.display eq "jsmith"    | LOCAL
            members eq "<B>"               | LOCAL
            members pr                     | ENG,LOCAL
            not (members eq "<A>")         | LOCAL
            """)
    void groupsFilterReturnsTheRightRows(String filter, String expected) throws SQLException {
        FilterSqlTranslator translator = new FilterSqlTranslator(ScimTable.GROUPS, TestSchemas.GROUPS);
        SqlFragment where = translator.translate(FilterParser.parse(withIds(filter), 10));
        SortKey order = translator.sortKey(FilterParser.parsePath("displayName").attr());
        assertEquals(keys(expected), select("roles", where, order).stream().sorted().toList());
    }

    /** The SQL side of {@link io.scimserver.scim.filter.ValueFilterCases}; the in-memory side is ValueFiltersTest. */
    @ParameterizedTest(name = "{0}[{1}] on {2} -> {3}")
    @MethodSource("io.scimserver.scim.filter.ValueFilterCases#cases")
    void valueFilterMatchesAsInMemory(String attribute, String filter, String element, boolean expected)
            throws SQLException {
        SqlFragment where = new FilterSqlTranslator(ScimTable.USERS, TestSchemas.USERS)
                .translate(FilterParser.parse(attribute + "[" + filter + "]", 10));
        String array = "[" + element + "]";
        String attributes = attribute.equals("scores")
                ? "{\"" + TestSchemas.TEST_EXT + "\":{\"scores\":" + array + "}}"
                : "{\"" + attribute + "\":" + array + "}";
        List<Object> params = new ArrayList<>(where.params());
        params.add(attributes);
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + where.sql()
                + " FROM (SELECT ?::jsonb AS attributes) u")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(expected, rs.getBoolean(1));
            }
        }
    }

    @Test
    void sortsByMappedExpressions() throws SQLException {
        FilterSqlTranslator translator = new FilterSqlTranslator(ScimTable.USERS, TestSchemas.USERS);
        SqlFragment all = translator.translate(FilterParser.parse("userName pr", 10));
        assertEquals(List.of("A", "C", "B"), select("users", all,
                translator.sortKey(FilterParser.parsePath("meta.lastModified").attr()), true));
        assertEquals(List.of("A", "B", "C"), select("users", all,
                translator.sortKey(FilterParser.parsePath("emails").attr()), false));
        assertEquals(List.of("A", "C", "B"), select("users", all,
                translator.sortKey(FilterParser.parsePath("displayName").attr()), false));
    }

    private static List<String> keys(String expected) {
        return expected.isEmpty() ? List.of() : Arrays.asList(expected.split(","));
    }
}
