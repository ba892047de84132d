package io.scimserver.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The beans behind the trail: same-transaction writes and retention (no HTTP, so no *IT twin). */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AuditTransactionTest {

    @Inject
    Audit audit;

    @Inject
    AuditRetention retention;

    private static long rows(String resourceId) {
        return (Long) TestClient.sqlValue("select count(*) from audit_events where resource_id = ?", resourceId);
    }

    @Test
    void aRowCommitsWithItsTransactionAndRollsBackWithIt() {
        UUID org = UUID.randomUUID();
        String committed = UUID.randomUUID().toString();
        String rolledBack = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> audit.record(org, "User", committed, "create", Map.of()));
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            audit.record(org, "User", rolledBack, "create", Map.of());
            throw new IllegalStateException("the change fails after its audit row was written");
        }));
        assertEquals(1L, rows(committed));
        assertEquals(0L, rows(rolledBack));
        assertEquals("SYSTEM", TestClient.sqlValue("select actor_kind from audit_events where resource_id = ?",
                committed));
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThrows(TransactionalException.class,
                () -> audit.record(UUID.randomUUID(), "User", "x", "create", Map.of()));
    }

    @Test
    void retentionDeletesOldRowsInBatchesAndKeepsRecentOnes() {
        UUID org = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            TestClient.sql("""
                    insert into audit_events (created, org_id, actor_kind, resource_type, resource_id, operation, outcome)
                    values (now() - interval '100 days', ?, 'SYSTEM', 'User', 'old', 'create', 'success')""", org);
        }
        TestClient.sql("""
                insert into audit_events (org_id, actor_kind, resource_type, resource_id, operation, outcome)
                values (?, 'SYSTEM', 'User', 'new', 'create', 'success')""", org);
        long deleted = retention.purge(Instant.now().minus(Duration.ofDays(90)));
        assertEquals(true, deleted >= 7, "deleted " + deleted);
        assertEquals(0L, TestClient.sqlValue("select count(*) from audit_events where org_id = ? and resource_id = 'old'",
                org));
        assertEquals(1L, TestClient.sqlValue("select count(*) from audit_events where org_id = ? and resource_id = 'new'",
                org));
    }
}
