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
    private final TokenBuckets orgs;
    private final TokenBuckets objects;

    public RateLimits(ScimConfig config) {
        ScimConfig.RateLimit c = config.rateLimit();
        this.enabled = c.enabled();
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
            wait = objects.tryAcquire(new ObjectKey(orgId, objectId));
            if (wait > 0) {
                throw tooMany("too many requests for this resource; retry after " + wait + "s", wait);
            }
        }
    }

    private static ScimException tooMany(String detail, long retryAfter) {
        return new ScimException(429, null, detail).withHeader("Retry-After", Long.toString(retryAfter));
    }

    private record ObjectKey(UUID orgId, String objectId) {
    }
}
