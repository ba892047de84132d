package io.scimserver.login;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimserver.config.ScimConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Refused and throttled login attempts, counted instead of recorded one audit row each: one counter per organisation,
 * method and hour ({@code login_refusals}). Nothing the caller sent is stored (no userName, no token, no address), so
 * a flood of anonymous attempts adds at most one small row per organisation and hour, and writes no attacker text into
 * an organisation's records. Attempts naming no existing organisation are only counted in the metrics. Successful
 * logins stay in the audit trail, one row each. Counters older than {@code scim.audit.retention} are deleted.
 */
@ApplicationScoped
public class LoginRefusals {

    private static final Logger LOG = Logger.getLogger(LoginRefusals.class);

    private final ScimConfig config;

    public LoginRefusals(ScimConfig config) {
        this.config = config;
    }

    /** One hour's count of refused and throttled attempts of a method. */
    public record Window(String method, Instant windowStart, int refused, int throttled, Instant lastAttempt) {
    }

    /** Counts one attempt in a transaction of its own; a failure to write is logged, never thrown. */
    public void count(UUID orgId, String method, boolean throttled) {
        if (orgId == null) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                var em = Panache.getEntityManager();
                em.createNativeQuery("""
                        insert into login_refusals as l (org_id, method, window_start, refused, throttled, last_attempt)
                        values (?1, ?2, date_trunc('hour', now()), ?3, ?4, now())
                        on conflict (org_id, method, window_start) do update
                           set refused = l.refused + excluded.refused, throttled = l.throttled + excluded.throttled,
                               last_attempt = excluded.last_attempt
                        """).setParameter(1, orgId).setParameter(2, method).setParameter(3, throttled ? 0 : 1)
                        .setParameter(4, throttled ? 1 : 0).executeUpdate();
                if (ThreadLocalRandom.current().nextInt(100) == 0) {
                    em.createNativeQuery("delete from login_refusals where window_start < now() - ?1 * interval '1 second'")
                            .setParameter(1, config.audit().retention().toSeconds()).executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not count a refused %s login: %s", method, e.getMessage());
        }
    }

    /** The organisation's counters, newest first. */
    public List<Window> recent(UUID orgId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select method, window_start, refused, throttled, last_attempt from login_refusals
                 where org_id = ?1 order by window_start desc, method limit ?2
                """).setParameter(1, orgId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Window((String) r[0], instant(r[1]), ((Number) r[2]).intValue(),
                ((Number) r[3]).intValue(), instant(r[4]))).toList();
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
