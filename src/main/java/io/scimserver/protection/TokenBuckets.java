package io.scimserver.protection;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key, in memory: each key holds up to {@code burst} tokens, refilled at {@code perSecond}; a
 * request takes one. Lock-free apart from the bucket's own monitor, so the hot path costs a map lookup and a few
 * arithmetic operations. Idle buckets are full, hence forgettable: the map is swept when it grows past
 * {@code maxKeys}.
 */
final class TokenBuckets {

    private final double perSecond;
    private final double burst;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Object, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double perSecond, int burst, int maxKeys, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** Takes a token for {@code key}: 0 when granted, else the whole seconds to wait until one is available (>= 1). */
    long tryAcquire(Object key) {
        return tryAcquire(key, 1);
    }

    /**
     * Takes {@code n} tokens for {@code key} at once, or none: 0 when granted, else the whole seconds to wait until
     * {@code n} are available (>= 1). {@code n} must not exceed the burst, or it is never granted.
     */
    long tryAcquire(Object key, int n) {
        if (n > burst) {
            throw new IllegalArgumentException(n + " tokens at once exceed the burst of " + (long) burst);
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > maxKeys) {
            sweep(now);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, perSecond, burst, n);
    }

    private void sweep(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().isFull(now, perSecond, burst));
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now, double perSecond, double burst, int n) {
            refill(now, perSecond, burst);
            if (tokens >= n) {
                tokens -= n;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((n - tokens) / perSecond));
        }

        synchronized boolean isFull(long now, double perSecond, double burst) {
            refill(now, perSecond, burst);
            return tokens >= burst;
        }

        /** Threads read the clock before they take the monitor, so {@code now} may be older than the last update. */
        private void refill(long now, double perSecond, double burst) {
            if (now > updated) {
                tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
                updated = now;
            }
        }
    }
}
