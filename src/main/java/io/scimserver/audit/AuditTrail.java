package io.scimserver.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Reads an organisation's audit trail, newest first, a page at a time: keyset paging on the row id, a UUIDv7 (time
 * first, then random bits; see V6), on the index {@code (org_id, id)}. Ids and cursors reveal nothing about other
 * organisations: no shared counter shows through them.
 */
@ApplicationScoped
public class AuditTrail {

    private final ObjectMapper json;

    public AuditTrail(ObjectMapper json) {
        this.json = json;
    }

    /** Filters; null means any. {@code since} is inclusive, {@code until} exclusive; {@code actor} is a user or token id. */
    public record Query(Instant since, Instant until, String resourceType, String resourceId, UUID actor,
            Outcome outcome, String operation, UUID before, int limit) {
    }

    @RegisterForReflection
    public record ActorView(String kind, UUID userId, UUID tokenId) {
    }

    @RegisterForReflection
    public record Entry(UUID id, Instant created, ActorView actor, String resourceType, String resourceId,
            String operation, String outcome, Integer status, String requestId, JsonNode summary) {
    }

    /** One page; {@code nextCursor} is passed back as {@code cursor} for the next (older) page, null at the end. */
    @RegisterForReflection
    public record Page(List<Entry> items, String nextCursor) {
    }

    @Transactional
    public Page read(UUID orgId, Query q) {
        StringBuilder sql = new StringBuilder("""
                select id, created, actor_kind, actor_user_id, actor_token_id, resource_type, resource_id, operation,
                       outcome, status, request_id, summary::text
                from audit_events where org_id = ?""");
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        if (q.before() != null) {
            sql.append(" and id < ?");
            params.add(q.before());
        }
        if (q.since() != null) {
            sql.append(" and created >= ?");
            params.add(Timestamp.from(q.since()));
        }
        if (q.until() != null) {
            sql.append(" and created < ?");
            params.add(Timestamp.from(q.until()));
        }
        if (q.resourceType() != null) {
            sql.append(" and lower(resource_type) = lower(?)");
            params.add(q.resourceType());
        }
        if (q.resourceId() != null) {
            sql.append(" and resource_id = ?");
            params.add(q.resourceId());
        }
        if (q.actor() != null) {
            sql.append(" and (actor_user_id = ? or actor_token_id = ?)");
            params.add(q.actor());
            params.add(q.actor());
        }
        if (q.outcome() != null) {
            sql.append(" and outcome = ?");
            params.add(q.outcome().wire());
        }
        if (q.operation() != null) {
            sql.append(" and operation = ?");
            params.add(q.operation());
        }
        sql.append(" order by id desc limit ?");
        params.add(q.limit() + 1);
        List<Entry> rows = Panache.getEntityManager().unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    s.setObject(i + 1, params.get(i));
                }
                List<Entry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(entry(r));
                    }
                }
                return out;
            }
        });
        boolean more = rows.size() > q.limit();
        List<Entry> page = more ? rows.subList(0, q.limit()) : rows;
        return new Page(List.copyOf(page), more ? cursorOf(page.get(page.size() - 1).id()) : null);
    }

    /** The opaque cursor that continues after the row {@code id}: its 16 bytes, base64url. */
    static String cursorOf(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
    }

    /** The row a cursor continues after; empty when {@code cursor} is not one of {@link #cursorOf}. */
    public static Optional<UUID> rowOf(String cursor) {
        try {
            byte[] b = Base64.getUrlDecoder().decode(cursor);
            if (b.length != 16) {
                return Optional.empty();
            }
            ByteBuffer buf = ByteBuffer.wrap(b);
            return Optional.of(new UUID(buf.getLong(), buf.getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Entry entry(ResultSet r) throws java.sql.SQLException {
        int status = r.getInt(10);
        Integer boxedStatus = r.wasNull() ? null : status;
        JsonNode summary;
        try {
            summary = json.readTree(r.getString(12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Entry(r.getObject(1, UUID.class), r.getTimestamp(2).toInstant(),
                new ActorView(r.getString(3), r.getObject(4, UUID.class), r.getObject(5, UUID.class)),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), boxedStatus, r.getString(11), summary);
    }
}
