package io.scimserver.auth;

import io.scimserver.config.ScimConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The credentials this replica has verified, by the SHA-256 of the bearer token: only credentials that passed are
 * kept, each for at most {@code scim.auth-cache.max-age} and never past its own expiry.
 *
 * <p>Correct only while this replica hears every change: {@link CredentialListener} receives PostgreSQL's
 * notifications of other replicas' (and operators') changes and {@link CredentialChanges} evicts this replica's own
 * after their commit. While the listener is not connected, or has not proved its connection alive recently, nothing is
 * read from or written to the cache.
 *
 * <p>A check that read the database before a change committed must not put its outdated result into the cache after
 * the change's eviction: every eviction moves {@link #epoch} on, and a result is kept only if the epoch did not move
 * between the start of its check and its insertion.
 */
@ApplicationScoped
public class CredentialCache {

    /** A verified credential: who it authenticates, and until when (null: no expiry of its own). */
    record Entry(Caller caller, Instant expiresAt, long verifiedNanos) {
    }

    private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final boolean enabled;
    private final long maxAgeNanos;
    private final int maxEntries;
    private final long staleAfterNanos;
    /** {@link System#nanoTime()} when the listener last proved its connection alive; 0 while it is not listening. */
    private volatile long aliveNanos;

    @Inject
    public CredentialCache(ScimConfig config) {
        this(config.authCache().enabled(), config.authCache().maxAge(), config.authCache().maxEntries(),
                config.authCache().heartbeat());
    }

    CredentialCache(boolean enabled, Duration maxAge, int maxEntries, Duration heartbeat) {
        this.enabled = enabled;
        this.maxAgeNanos = maxAge.toNanos();
        this.maxEntries = maxEntries;
        this.staleAfterNanos = 3 * heartbeat.toNanos();
    }

    /** The caller a cached credential authenticates, or null: not cached, too old, expired, or the cache not usable. */
    Caller find(byte[] key, Instant now) {
        if (!usable()) {
            return null;
        }
        ByteBuffer k = ByteBuffer.wrap(key);
        Entry e = entries.get(k);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.verifiedNanos() > maxAgeNanos
                || (e.expiresAt() != null && !e.expiresAt().isAfter(now))) {
            entries.remove(k, e);
            return null;
        }
        return e.caller();
    }

    /** The epoch to pass to {@link #keep}: read it before the database is asked. */
    long epoch() {
        return epoch.get();
    }

    /** Keeps a credential the database has just verified, unless an eviction happened since {@code epochBefore}. */
    void keep(byte[] key, Caller caller, Instant expiresAt, long epochBefore) {
        if (!usable() || epoch.get() != epochBefore) {
            return;
        }
        if (entries.size() >= maxEntries) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.verifiedNanos() > maxAgeNanos);
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        ByteBuffer k = ByteBuffer.wrap(key.clone());
        Entry entry = new Entry(caller, expiresAt, System.nanoTime());
        entries.put(k, entry);
        if (epoch.get() != epochBefore) {
            // an eviction ran between the check above and the put: it may have missed this entry
            entries.remove(k, entry);
        }
    }

    /** Evicts every credential of these users. */
    void evict(Collection<UUID> userIds) {
        epoch.incrementAndGet();
        Set<UUID> users = Set.copyOf(userIds);
        entries.values().removeIf(e -> users.contains(e.caller().userId()));
    }

    /** Evicts everything. */
    void evictAll() {
        epoch.incrementAndGet();
        entries.clear();
    }

    /** The listener proved its connection alive: the cache may be used for {@code 3 × heartbeat} from now. */
    void alive() {
        aliveNanos = System.nanoTime();
    }

    /**
     * The listener has (re)connected: whatever changed while it was not listening went unheard, so everything goes,
     * and the cache is used from now on.
     */
    void listening() {
        evictAll();
        alive();
    }

    /** The listener lost its connection: nothing is cached until it listens again. */
    void deaf() {
        aliveNanos = 0;
        evictAll();
    }

    boolean usable() {
        long alive = aliveNanos;
        return enabled && alive != 0 && System.nanoTime() - alive <= staleAfterNanos;
    }

    boolean enabled() {
        return enabled;
    }

    int size() {
        return entries.size();
    }
}
