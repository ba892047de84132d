package io.scimserver.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.audit.Audit;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The create statement in each of its outcomes, run directly (autocommitted, or in a transaction as a revival), with
 * the changes a concurrent request could make between a revival's two runs made by SQL in between: so the paths a
 * race takes are each taken on purpose.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class UserRowsTest {

    @Inject
    UserRows rows;

    private static TestClient.Org org() {
        return TestClient.orgOf(UserRowsTest.class);
    }

    @Test
    void aNewUserNameIsStoredWithItsPublicMembershipAndAuditRowAndASecondCreateFindsItTaken() {
        User user = user("fresh", "ext-fresh");
        assertInstanceOf(UserRows.Created.class, rows.insertOrRevive(user, audit(), false));
        assertEquals(1L, count("select count(*) from users where id = ?::uuid and deprovisioned_at is null", user.id));
        assertEquals(1L, count("""
                select count(*) from memberships m join roles r on r.id = m.role_id
                where m.user_id = ?::uuid and r.name = 'PUBLIC'""", user.id));
        assertEquals(1L, count("select count(*) from audit_events where resource_id = ? and operation = 'create'"
                + " and actor_user_id is null and summary->>'deprovisionedNamesake' is null", user.id.toString()));

        User again = user(user.userName.toUpperCase(), "ext-other");
        assertInstanceOf(UserRows.Taken.class, rows.insertOrRevive(again, audit(), false));
        assertEquals(0L, count("select count(*) from users where id = ?::uuid", again.id));
    }

    @Test
    void aDeprovisionedAccountWithTheExternalIdIsRevivableAutocommittedAndRevivedInATransaction() {
        String old = deprovisioned("back", "ext-back");
        User user = user("back", "ext-back");
        UUID newId = user.id;
        assertInstanceOf(UserRows.Revivable.class, rows.insertOrRevive(user, audit(), false));
        assertEquals(newId, user.id);
        assertEquals(0L, count("select count(*) from users where id = ?::uuid", newId)); // nothing written
        assertEquals(1L, count("select count(*) from users where id = ?::uuid and deprovisioned_at is not null", old));

        UserRows.Outcome revived = QuarkusTransaction.requiringNew()
                .call(() -> rows.insertOrRevive(user, audit(), true));
        assertInstanceOf(UserRows.Revived.class, revived);
        assertEquals(old, user.id.toString()); // the account's own id, for the response
        assertEquals(2L, user.version);
        assertEquals(1L, count("select count(*) from users where id = ?::uuid and deprovisioned_at is null", old));
    }

    @Test
    void aNamesakeDeletedBetweenTheTwoRunsLeavesANewUser() {
        String old = deprovisioned("gone", "ext-gone");
        User user = user("gone", "ext-gone");
        assertInstanceOf(UserRows.Revivable.class, rows.insertOrRevive(user, audit(), false));
        TestClient.sql("delete from users where id = ?::uuid", old); // an admin deleted it completely meanwhile
        assertInstanceOf(UserRows.Created.class,
                QuarkusTransaction.requiringNew().call(() -> rows.insertOrRevive(user, audit(), true)));
        assertEquals(1L, count("select count(*) from audit_events where resource_id = ? and operation = 'create'",
                user.id.toString()));
    }

    @Test
    void aNamesakeRevivedByAnotherCreateBetweenTheTwoRunsLeavesTheUserNameTaken() {
        String old = deprovisioned("raced", "ext-raced");
        User user = user("raced", "ext-raced");
        assertInstanceOf(UserRows.Revivable.class, rows.insertOrRevive(user, audit(), false));
        User other = user("raced", "ext-raced");
        QuarkusTransaction.requiringNew().call(() -> rows.insertOrRevive(other, audit(), true));
        assertEquals(old, other.id.toString());
        assertInstanceOf(UserRows.Taken.class,
                QuarkusTransaction.requiringNew().call(() -> rows.insertOrRevive(user, audit(), true)));
    }

    @Test
    void aNamesakeWithAnotherExternalIdStaysApartAndTheAuditRowNamesIt() {
        String old = deprovisioned("apart", "ext-first");
        User user = user("apart", "ext-second");
        assertInstanceOf(UserRows.Created.class, rows.insertOrRevive(user, audit(), false));
        assertEquals(old, TestClient.sqlValue("select summary->>'deprovisionedNamesake' from audit_events"
                + " where resource_id = ? and operation = 'create'", user.id.toString()));
        assertEquals(1L, count("select count(*) from users where id = ?::uuid and deprovisioned_at is not null", old));
    }

    @Test
    void withoutAnExternalIdNoNamesakeIsRevived() {
        deprovisioned("anonymous", null);
        User user = user("anonymous", null);
        assertInstanceOf(UserRows.Created.class, rows.insertOrRevive(user, audit(), false));
    }

    private User user(String name, String externalId) {
        String userName = name.contains("@") ? name : name + "@rows.example";
        User user = new User();
        user.id = UUID.randomUUID();
        user.orgId = UUID.fromString(org().id());
        user.userName = userName;
        user.externalId = externalId;
        user.displayName = null;
        user.active = true;
        user.attributes = "{\"userName\": \"" + userName + "\", \"active\": true}";
        user.version = 1;
        user.created = Instant.now();
        user.lastModified = user.created;
        return user;
    }

    private Audit.Row audit() {
        return new Audit.Row(UUID.fromString(org().id()), "OPERATOR", null, null, "User", null, "create", "success",
                null, "test", "{}");
    }

    /** A deprovisioned account of the organisation with that userName and externalId; its id. */
    private String deprovisioned(String name, String externalId) {
        String id = TestClient.newUser(org().id(), name + "@rows.example");
        TestClient.sql("update users set deprovisioned_at = now(), active = false, external_id = ? where id = ?::uuid",
                externalId, id);
        return id;
    }

    private static long count(String sql, Object... params) {
        return ((Number) TestClient.sqlValue(sql, params)).longValue();
    }
}
