package io.scimserver.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.observability.RequestIds;
import io.scimserver.store.NumberedStatement;
import io.scimserver.store.SessionStatements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Writes the audit trail. {@link #record} joins the transaction of the change it describes (it refuses to run
 * without one), so the row commits or rolls back with the change; it is one INSERT. {@link #recordSeparately} is
 * for what has no transaction of its own to join: failed requests, whose transaction was rolled back, and logins.
 */
@ApplicationScoped
public class Audit {

    private static final Logger LOG = Logger.getLogger(Audit.class);

    /** The columns of a row, in the order of {@link Row}'s components. */
    public static final String COLUMNS = "org_id, actor_kind, actor_user_id, actor_token_id, resource_type,"
            + " resource_id, operation, outcome, status, request_id, summary";

    private static final NumberedStatement INSERT = NumberedStatement.of(insertAt(1));

    /** The values of one row as they are bound, in the order of {@link #COLUMNS}; {@code summary} is JSON text. */
    public record Row(UUID orgId, String actorKind, UUID actorUserId, UUID actorTokenId, String resourceType,
            String resourceId, String operation, String outcome, Integer status, String requestId, String summary) {

        /** The values in the order of {@link #COLUMNS}, for the parameters of {@link #insertAt}. */
        public Object[] values() {
            return new Object[] { orgId, actorKind, actorUserId, actorTokenId, resourceType, resourceId, operation,
                    outcome, status, requestId, summary };
        }

        /**
         * {@code first}, then {@link #values()}: the parameters of a statement that writes a change (its values
         * {@code ?1} to {@code ?n}) and this row ({@link #insertAt}{@code (n + 1)}).
         */
        public Object[] after(Object... first) {
            Object[] row = values();
            Object[] all = Arrays.copyOf(first, first.length + row.length);
            System.arraycopy(row, 0, all, first.length, row.length);
            return all;
        }
    }

    /**
     * An INSERT of one row whose values are the numbered parameters {@code ?first} to {@code ?first+10}, to be bound
     * to {@link Row#values()} ({@link NumberedStatement}): for a statement that writes the row with the change it
     * describes, in the same round trip (a data-modifying {@code WITH} before it).
     */
    public static String insertAt(int first) {
        return ("insert into audit_events (" + COLUMNS + ") values (?%d, ?%d, cast(?%d as uuid), cast(?%d as uuid),"
                + " ?%d, ?%d, ?%d, ?%d, cast(?%d as integer), ?%d, cast(?%d as jsonb))")
                .formatted(IntStream.range(first, first + 11).boxed().toArray());
    }

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

    /**
     * The row {@link #record(UUID, String, Object, String, Map)} would write, for a statement that writes it together
     * with the change it describes (so in the same transaction, and in the same round trip).
     */
    public Row successRow(UUID orgId, String resourceType, Object resourceId, String operation, Map<String, ?> summary) {
        return row(new AuditEvent(orgId, currentActor(), resourceType, resourceId == null ? null
                : resourceId.toString(), operation, Outcome.SUCCESS, null, summary));
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

    private Row row(AuditEvent e) {
        String summary;
        try {
            summary = json.writeValueAsString(e.summary());
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("audit summary is not serialisable", x);
        }
        return new Row(e.orgId(), e.actor().kind().name(), e.actor().userId(), e.actor().tokenId(), e.resourceType(),
                e.resourceId(), e.operation(), e.outcome().wire(), e.status(), RequestIds.current(), summary);
    }

    private void insert(AuditEvent e) {
        SessionStatements.update(INSERT, row(e).values());
    }
}
