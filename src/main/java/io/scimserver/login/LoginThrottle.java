package io.scimserver.login;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.config.ScimConfig;
import io.scimserver.identity.Identifiers;
import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throttles password logins per user and per client address with counters in PostgreSQL, so the limits hold across
 * every replica. An attempt is counted <em>before</em> the password is checked (an atomic upsert), so a burst of
 * parallel guesses cannot slip past the limit while bcrypt runs; a successful login then clears the user's counter
 * and gives its address back the attempt. Each call runs in its own transaction, so a refused login still counts.
 */
@ApplicationScoped
public class LoginThrottle {

    private final ScimConfig config;

    public LoginThrottle(ScimConfig config) {
        this.config = config;
    }

    /**
     * The counter of a userName in an organisation (or in an organisation name that does not exist), keyed by
     * {@link Identifiers#key}: every spelling that finds the same account ({@code kİki}, {@code KIKI}, {@code kiki })
     * counts on the same key.
     */
    static String userKey(UUID orgId, String orgName, String userName) {
        String org = orgId != null ? orgId.toString() : "?" + Identifiers.key(orgName);
        return digest("user", org + ":" + Identifiers.key(userName));
    }

    /** The counter of a client address; one shared counter for requests whose address is unknown. */
    static String addressKey(String address) {
        return digest("ip", address == null ? "unknown" : address);
    }

    /**
     * A key of bounded length whatever the caller sent (a 16,000-character userName or forwarded address would not
     * fit the primary key's index, and PostgreSQL would refuse the row): the kind and a SHA-256 of the value.
     */
    private static String digest(String kind, String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts one attempt on both keys; 429 with {@code Retry-After} when either is over its limit. */
    @Transactional(TxType.REQUIRES_NEW)
    public void attempt(String userKey, String addressKey) {
        count(addressKey, config.login().maxFailuresPerAddress(), "from this address");
        count(userKey, config.login().maxFailuresPerUser(), "for this user");
    }

    /**
     * Counts one SSO attempt on the address only: an ID token's signature cannot be guessed, so there is nothing to
     * count per user, and a per-user key would let anyone lock a user out with forged tokens naming them.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void attempt(String addressKey) {
        count(addressKey, config.login().maxFailuresPerAddress(), "from this address");
    }

    /** The SSO attempt succeeded: the address gets its attempt back. */
    @Transactional(TxType.REQUIRES_NEW)
    public void succeeded(String addressKey) {
        giveBack(addressKey);
    }

    /** The attempt succeeded: the user's failures are forgotten and the address gets its attempt back. */
    @Transactional(TxType.REQUIRES_NEW)
    public void succeeded(String userKey, String addressKey) {
        Panache.getEntityManager().createNativeQuery("delete from login_failures where key = ?1")
                .setParameter(1, userKey).executeUpdate();
        giveBack(addressKey);
    }

    private void giveBack(String addressKey) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("update login_failures set count = greatest(count - 1, 0) where key = ?1")
                .setParameter(1, addressKey).executeUpdate();
        if (ThreadLocalRandom.current().nextInt(100) == 0) {
            em.createNativeQuery("delete from login_failures where window_start < now() - ?1 * interval '1 second'")
                    .setParameter(1, windowSeconds()).executeUpdate();
        }
    }

    private void count(String key, int limit, String what) {
        Object[] row = (Object[]) Panache.getEntityManager().createNativeQuery("""
                insert into login_failures as f (key, window_start, count) values (?1, now(), 1)
                on conflict (key) do update set
                    window_start = case when f.window_start <= now() - ?2 * interval '1 second'
                                        then now() else f.window_start end,
                    count = case when f.window_start <= now() - ?2 * interval '1 second'
                                 then 1 else f.count + 1 end
                returning count, ceil(extract(epoch from (window_start + ?2 * interval '1 second' - now())))
                """).setParameter(1, key).setParameter(2, windowSeconds()).getSingleResult();
        int attempts = ((Number) row[0]).intValue();
        if (attempts > limit) {
            long retryAfter = Math.max(1, ((Number) row[1]).longValue());
            throw new ScimException(429, null, "too many failed logins " + what + ": retry in " + retryAfter
                    + " seconds").withHeader("Retry-After", Long.toString(retryAfter));
        }
    }

    private int windowSeconds() {
        return (int) Math.max(1, config.login().failureWindow().toSeconds());
    }
}
