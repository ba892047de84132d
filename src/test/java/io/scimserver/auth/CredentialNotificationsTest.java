package io.scimserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import io.scimserver.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What the database announces on {@code scim_credentials} when memberships change (V10: one trigger per statement):
 * the users joining or leaving ADMIN, each once, and nobody for a SCIM group or PUBLIC, however many rows a statement
 * writes. What every replica's cache does with the announcements is {@code CredentialCacheHttpTest}'s.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class CredentialNotificationsTest {

    Connection listening;
    TestClient.Org org;
    String admin;
    String group;

    @BeforeEach
    void listen() throws SQLException {
        org = TestClient.orgOf(CredentialNotificationsTest.class);
        admin = roleId("ADMIN");
        group = UUID.randomUUID().toString();
        TestClient.sql("""
                insert into roles (id, org_id, name, source, created, last_modified)
                values (?::uuid, ?::uuid, ?, 'PROVISIONED', now(), now())""", group, org.id(), "group-" + group);
        listening = DriverManager.getConnection(PostgresTestDatabase.currentUrl(), TestPostgres.server().user(),
                TestPostgres.server().password());
        try (Statement s = listening.createStatement()) {
            s.execute("listen scim_credentials");
        }
    }

    @AfterEach
    void close() throws SQLException {
        listening.close();
    }

    @Test
    void addingMembersToAScimGroupAnnouncesNobody() throws SQLException {
        String a = newUser();
        String b = newUser();
        add(group, a, b);
        assertEquals(Set.of(), announced());
        assertEquals(2L, TestClient.sqlValue("select count(*) from memberships where role_id = ?::uuid", group));
    }

    @Test
    void oneStatementAddingToAdminAndAGroupAnnouncesTheNewAdminsOnly() throws SQLException {
        String a = newUser();
        String b = newUser();
        String c = newUser();
        TestClient.sql("""
                insert into memberships (role_id, user_id, org_id)
                values (?::uuid, ?::uuid, ?::uuid), (?::uuid, ?::uuid, ?::uuid), (?::uuid, ?::uuid, ?::uuid)""",
                admin, a, org.id(), admin, b, org.id(), group, c, org.id());
        assertEquals(Set.of(a, b), announced());
    }

    @Test
    void removingMembersAnnouncesThoseWhoLeftAdmin() throws SQLException {
        String a = newUser();
        String b = newUser();
        add(admin, a);
        add(group, a, b);
        announced();
        TestClient.sql("delete from memberships where user_id in (?::uuid, ?::uuid)", a, b);
        assertEquals(Set.of(a), announced());
    }

    @Test
    void aUserMadeWithItsPublicMembershipAnnouncesNobody() throws SQLException {
        newUser();
        assertEquals(Set.of(), announced());
    }

    String roleId(String name) {
        return TestClient.sqlValue("select id from roles where org_id = ?::uuid and source = 'SYSTEM' and name = ?",
                org.id(), name).toString();
    }

    /** The users made here: other test classes' changes may be announced too, and are not this test's business. */
    final Set<String> users = new TreeSet<>();

    String newUser() {
        String id = TestClient.newUser(org.id(), "n-" + UUID.randomUUID() + "@example.com");
        users.add(id);
        return id;
    }

    /** Adds the users to the role in one statement, as a SCIM group PATCH does. */
    void add(String roleId, String... userIds) {
        TestClient.sql("insert into memberships (role_id, user_id, org_id) select ?::uuid, unnest(?::uuid[]), ?::uuid",
                roleId, "{" + String.join(",", userIds) + "}", org.id());
    }

    /**
     * This test's users among the payloads heard since the last call: a notification is delivered when its
     * transaction commits, and each statement here autocommits before this runs; a short wait lets the last arrive.
     */
    Set<String> announced() throws SQLException {
        Set<String> heard = new TreeSet<>();
        PGConnection pg = listening.unwrap(PGConnection.class);
        PGNotification[] batch;
        while ((batch = pg.getNotifications(200)) != null && batch.length > 0) {
            for (PGNotification n : batch) {
                if (users.contains(n.getParameter())) {
                    heard.add(n.getParameter());
                }
            }
        }
        return heard;
    }
}
