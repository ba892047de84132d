package io.scimserver.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.observability.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Writes the audit trail. {@link #record} joins the transaction of the change it describes (it refuses to run
 * without one), so the row commits or rolls back with the change; it is one INSERT. {@link #recordSeparately} is
 * for what has no transaction of its own to join: failed requests, whose transaction was rolled back, and logins.
 */
@ApplicationScoped
public class Audit {

    private static final Logger LOG = Logger.getLogger(Audit.class);

    private static final String INSERT = """
            insert into audit_events (org_id, actor_kind, actor_user_id, actor_token_id, resource_type, resource_id,
                                      operation, outcome, status, request_id, summary)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""";

    private final CurrentCaller caller;
    private final ObjectMapper json;

    public Audit(CurrentCaller caller, ObjectMapper json) {
        this.caller = caller;
        this.json = json;
    }

    /** Records a successful action of the current caller, in the current transaction. */
    @Transactional(TxType.MANDATORY)
    public void record(UUID orgId, String resourceType, Object resourceId, String operation, Map<String, ?> summary) {
        insert(new AuditEvent(orgId, currentActor(), resourceType, resourceId == null ? null : resourceId.toString(),
                operation, Outcome.SUCCESS, null, summary));
    }

    /** Records an event in the current transaction. */
    @Transactional(TxType.MANDATORY)
    public void record(AuditEvent event) {
        insert(event);
    }

    /**
     * Records an event in a new transaction of its own. A failure to write is logged, never thrown: it must not hide
     * the answer the client is about to get.
     */
    public void recordSeparately(AuditEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(event));
        } catch (RuntimeException e) {
            LOG.warnf("could not write the audit row for %s %s: %s", event.operation(), event.resourceType(),
                    e.getMessage());
        }
    }

    /** The caller of the current request; {@link Actor#SYSTEM} outside any authenticated request. */
    public Actor currentActor() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.SYSTEM;
        }
        return caller.find().map(Actor::of).orElse(Actor.SYSTEM);
    }

    private void insert(AuditEvent e) {
        String summary;
        try {
            summary = json.writeValueAsString(e.summary());
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("audit summary is not serialisable", x);
        }
        String requestId = RequestIds.current();
        Panache.getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                uuid(s, 1, e.orgId());
                s.setString(2, e.actor().kind().name());
                uuid(s, 3, e.actor().userId());
                uuid(s, 4, e.actor().tokenId());
                s.setString(5, e.resourceType());
                s.setString(6, e.resourceId());
                s.setString(7, e.operation());
                s.setString(8, e.outcome().wire());
                if (e.status() == null) {
                    s.setNull(9, Types.INTEGER);
                } else {
                    s.setInt(9, e.status());
                }
                s.setString(10, requestId);
                s.setString(11, summary);
                s.executeUpdate();
            }
        });
    }

    private static void uuid(PreparedStatement s, int i, UUID value) throws java.sql.SQLException {
        if (value == null) {
            s.setNull(i, Types.OTHER);
        } else {
            s.setObject(i, value);
        }
    }
}
