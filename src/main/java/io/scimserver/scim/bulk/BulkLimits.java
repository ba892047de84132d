package io.scimserver.scim.bulk;

import io.quarkus.runtime.configuration.MemorySize;
import io.scimserver.config.ScimConfig;
import io.scimserver.protection.RateLimits;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bulk limits in force, which ServiceProviderConfig advertises and {@link BulkResource} enforces (413 over either,
 * RFC 7644 §3.7.4): {@code scim.bulk.max-payload-size}, no more than the body limit of every request; and
 * {@code scim.bulk.max-operations}, no more than the organisation's rate-limit burst while rate limiting is on, as each
 * operation counts as one request and a larger bulk could never be let through.
 */
@Singleton
public class BulkLimits {

    private final int maxOperations;
    private final long maxPayloadSize;

    public BulkLimits(ScimConfig config, RateLimits rateLimits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize bodyLimit) {
        this.maxOperations = Math.min(config.bulk().maxOperations(), rateLimits.maxAtOnce());
        this.maxPayloadSize = Math.min(config.bulk().maxPayloadSize(), bodyLimit.asLongValue());
    }

    public int maxOperations() {
        return maxOperations;
    }

    public long maxPayloadSize() {
        return maxPayloadSize;
    }
}
