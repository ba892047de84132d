package io.scimserver.audit;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.scimserver.config.ScimConfig;
import io.scimserver.observability.ScimMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes audit rows older than {@code scim.audit.retention}, every {@code scim.audit.cleanup-interval}, in batches of
 * {@code scim.audit.cleanup-batch-size} rows, each batch its own short transaction. Safe with several replicas: a
 * batch takes only rows no other replica has locked ({@code skip locked}) and deleting a deleted row is a no-op.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final ScimConfig config;
    private final ScimMetrics metrics;

    public AuditRetention(ScimConfig config, ScimMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${scim.audit.cleanup-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge(Instant.now().minus(config.audit().retention()));
    }

    /** Deletes every row created before {@code cutoff}; returns how many. */
    public long purge(Instant cutoff) {
        int batch = Math.max(1, config.audit().cleanupBatchSize());
        long total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery("""
                    delete from audit_events where id in (
                        select id from audit_events where created < ?1 limit ?2 for update skip locked)
                    """).setParameter(1, Timestamp.from(cutoff)).setParameter(2, batch).executeUpdate());
            total += n;
        } while (n == batch);
        if (total > 0) {
            metrics.auditRowsDeleted(total);
            LOG.infof("audit retention: deleted %d rows older than %s", total, cutoff);
        }
        return total;
    }
}
