package io.scimserver.protection;

import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Per-organisation and per-object request rates ({@code scim.rate-limit.*}), enforced by each replica on its own:
 * in-memory token buckets cost nothing on the database's hot path and keep working while the database is down. A
 * refusal is 429 with {@code Retry-After}, which Entra honours and retries.
 */
@ApplicationScoped
public class RateLimits {

    private static final int MAX_KEYS = 100_000;

    private final boolean enabled;
    private final int orgBurst;
    private final TokenBuckets orgs;
    private final TokenBuckets objects;

    public RateLimits(ScimConfig config) {
        ScimConfig.RateLimit c = config.rateLimit();
        this.enabled = c.enabled();
        this.orgBurst = c.orgBurst();
        this.orgs = new TokenBuckets(c.orgPerSecond(), c.orgBurst(), MAX_KEYS, System::nanoTime);
        this.objects = new TokenBuckets(c.objectPerSecond(), c.objectBurst(), MAX_KEYS, System::nanoTime);
    }

    /** Counts one request of the organisation, to the object {@code objectId} when not null; 429 when over a limit. */
    public void check(UUID orgId, String objectId) {
        if (!enabled) {
            return;
        }
        long wait = orgs.tryAcquire(orgId);
        if (wait > 0) {
            throw tooMany("this organisation sends more requests than the server accepts; retry after " + wait + "s",
                    wait);
        }
        if (objectId != null) {
            checkObject(orgId, objectId);
        }
    }

    /**
     * Counts the operations of a bulk request as requests: {@link RequestGuards} counted the request as one, this
     * takes one more for each further operation, all at once or none (429, nothing done). Bulk requests hold at most
     * {@link #maxAtOnce()} operations, so a full bucket always covers one.
     */
    public void checkOperations(UUID orgId, int operations) {
        if (!enabled || operations <= 1) {
            return;
        }
        long wait = orgs.tryAcquire(orgId, Math.min(operations - 1, orgBurst));
        if (wait > 0) {
            throw tooMany("this organisation sends more requests than the server accepts (each operation of a bulk"
                    + " request counts as one); retry after " + wait + "s", wait);
        }
    }

    /** Counts one request to the user or group {@code objectId}; 429 when over its limit. */
    public void checkObject(UUID orgId, String objectId) {
        if (!enabled) {
            return;
        }
        long wait = objects.tryAcquire(new ObjectKey(orgId, objectId));
        if (wait > 0) {
            throw tooMany("too many requests for this resource; retry after " + wait + "s", wait);
        }
    }

    /** The most requests (operations) one request may count at once: the organisation's burst, or no bound when off. */
    public int maxAtOnce() {
        return enabled ? orgBurst : Integer.MAX_VALUE;
    }

    private static ScimException tooMany(String detail, long retryAfter) {
        return new ScimException(429, null, detail).withHeader("Retry-After", Long.toString(retryAfter));
    }

    private record ObjectKey(UUID orgId, String objectId) {
    }
}
