package io.scimserver.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets behind the rate limits, on a clock the test moves. */
class TokenBucketsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(10, 5, 1000, clock::get);

    @Test
    void aBurstIsGrantedThenTheRateApplies() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, buckets.tryAcquire("org"));
        }
        assertEquals(1, buckets.tryAcquire("org"), "the sixth waits; Retry-After is at least 1 s");
        clock.addAndGet(100_000_000L); // 0.1 s at 10/s is one token
        assertEquals(0, buckets.tryAcquire("org"));
        assertTrue(buckets.tryAcquire("org") > 0);
    }

    @Test
    void severalTokensAreTakenAllAtOnceOrNone() {
        assertEquals(0, buckets.tryAcquire("org", 3));
        assertEquals(1, buckets.tryAcquire("org", 3), "2 left: 3 more wait 0.1 s, rounded up to 1 s");
        assertEquals(0, buckets.tryAcquire("org", 2), "the refused take took nothing");
        assertTrue(buckets.tryAcquire("org") > 0);
        clock.addAndGet(500_000_000L); // 0.5 s at 10/s refills the burst of 5
        assertEquals(0, buckets.tryAcquire("org", 5));
        assertThrows(IllegalArgumentException.class, () -> buckets.tryAcquire("org", 6), "never grantable");
    }

    @Test
    void keysAreIndependent() {
        for (int i = 0; i < 5; i++) {
            buckets.tryAcquire("a");
        }
        assertTrue(buckets.tryAcquire("a") > 0);
        assertEquals(0, buckets.tryAcquire("b"));
    }

    @Test
    void aClockReadingOlderThanTheLastUpdateTakesNoTokensAway() {
        // threads read the clock before they take the bucket's monitor: a later thread may carry an older reading
        TokenBuckets fast = new TokenBuckets(100_000, 100, 1000, clock::get);
        long t = clock.get();
        for (int i = 0; i < 20; i++) {
            clock.set(i % 2 == 0 ? t + 1_000_000L : t); // 1 ms back and forth
            assertEquals(0, fast.tryAcquire("group"), "request " + i + " refused");
        }
    }

    @Test
    void fullBucketsAreForgottenWhenTheMapGrows() {
        TokenBuckets small = new TokenBuckets(10, 5, 10, clock::get);
        for (int i = 0; i < 50; i++) {
            small.tryAcquire("k" + i);
        }
        clock.addAndGet(10_000_000_000L);
        small.tryAcquire("last");
        assertTrue(small.size() <= 11, "idle buckets kept: " + small.size());
    }
}
