package io.scimserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cache's own rules, without a database: what it keeps, for how long, and what an eviction does to a check. */
class CredentialCacheTest {

    static final UUID ORG = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    static CredentialCache listening(Duration maxAge, int maxEntries) {
        CredentialCache cache = new CredentialCache(true, maxAge, maxEntries, Duration.ofSeconds(10));
        cache.listening();
        return cache;
    }

    static Caller caller(UUID user) {
        return new Caller(ORG, user, UUID.randomUUID(), true, Caller.Kind.PERSONAL_ACCESS_TOKEN);
    }

    static byte[] key(int n) {
        byte[] k = new byte[32];
        k[0] = (byte) n;
        return k;
    }

    @Test
    void keepsAVerifiedCredentialAndFindsItByContentNotByArray() {
        CredentialCache cache = listening(Duration.ofMinutes(1), 10);
        Caller c = caller(UUID.randomUUID());
        cache.keep(key(1), c, null, cache.epoch());
        assertEquals(c, cache.find(key(1), NOW));
        assertNull(cache.find(key(2), NOW));
    }

    @Test
    void aCheckThatStartedBeforeAnEvictionIsNotKept() {
        CredentialCache cache = listening(Duration.ofMinutes(1), 10);
        UUID user = UUID.randomUUID();
        long epoch = cache.epoch();
        // the database was read here, then a change of another user committed and was heard
        cache.evict(List.of(UUID.randomUUID()));
        cache.keep(key(1), caller(user), null, epoch);
        assertNull(cache.find(key(1), NOW), "a result read before an eviction may be outdated");
        cache.keep(key(1), caller(user), null, cache.epoch());
        assertEquals(user, cache.find(key(1), NOW).userId());
    }

    @Test
    void evictionTakesEveryCredentialOfTheUserAndNoOther() {
        CredentialCache cache = listening(Duration.ofMinutes(1), 10);
        UUID user = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        cache.keep(key(1), caller(user), null, cache.epoch());
        cache.keep(key(2), caller(user), null, cache.epoch());
        cache.keep(key(3), caller(other), null, cache.epoch());
        cache.evict(List.of(user));
        assertNull(cache.find(key(1), NOW));
        assertNull(cache.find(key(2), NOW));
        assertEquals(other, cache.find(key(3), NOW).userId());
    }

    @Test
    void aCredentialPastItsOwnExpiryIsNotFound() {
        CredentialCache cache = listening(Duration.ofMinutes(1), 10);
        cache.keep(key(1), caller(UUID.randomUUID()), NOW.plusSeconds(1), cache.epoch());
        assertTrue(cache.find(key(1), NOW) != null);
        assertNull(cache.find(key(1), NOW.plusSeconds(1)), "expired at its expiry, not after");
        assertEquals(0, cache.size(), "an expired credential is dropped when found");
    }

    @Test
    void aCredentialOlderThanMaxAgeIsCheckedAgain() throws InterruptedException {
        CredentialCache cache = listening(Duration.ofMillis(20), 10);
        cache.keep(key(1), caller(UUID.randomUUID()), null, cache.epoch());
        Thread.sleep(40);
        assertNull(cache.find(key(1), NOW));
    }

    @Test
    void nothingIsKeptOrFoundWhileNotListening() {
        CredentialCache cache = new CredentialCache(true, Duration.ofMinutes(1), 10, Duration.ofSeconds(10));
        cache.keep(key(1), caller(UUID.randomUUID()), null, cache.epoch());
        assertEquals(0, cache.size(), "never heard a notification: must not cache");
        cache.listening();
        cache.keep(key(1), caller(UUID.randomUUID()), null, cache.epoch());
        assertEquals(1, cache.size());
        cache.deaf();
        assertEquals(0, cache.size(), "a lost connection empties the cache: changes meanwhile went unheard");
        assertNull(cache.find(key(1), NOW));
        assertFalse(cache.usable());
    }

    @Test
    void aListenerSilentForThreeHeartbeatsStopsTheCache() throws InterruptedException {
        CredentialCache cache = new CredentialCache(true, Duration.ofMinutes(1), 10, Duration.ofMillis(10));
        cache.listening();
        cache.keep(key(1), caller(UUID.randomUUID()), null, cache.epoch());
        assertTrue(cache.find(key(1), NOW) != null);
        Thread.sleep(50);
        assertNull(cache.find(key(1), NOW), "no heartbeat for 3 x 10 ms: the connection may hang unheard");
        cache.alive();
        assertTrue(cache.find(key(1), NOW) != null);
    }

    @Test
    void reconnectingEmptiesTheCache() {
        CredentialCache cache = listening(Duration.ofMinutes(1), 10);
        long epoch = cache.epoch();
        cache.keep(key(1), caller(UUID.randomUUID()), null, epoch);
        cache.listening();
        assertEquals(0, cache.size());
        cache.keep(key(2), caller(UUID.randomUUID()), null, epoch);
        assertEquals(0, cache.size(), "a check from before the reconnection may have missed a change");
    }

    @Test
    void aFullCacheMakesRoomFromStaleEntriesOrKeepsNothingMore() throws InterruptedException {
        CredentialCache cache = listening(Duration.ofMillis(30), 2);
        cache.keep(key(1), caller(UUID.randomUUID()), null, cache.epoch());
        cache.keep(key(2), caller(UUID.randomUUID()), null, cache.epoch());
        cache.keep(key(3), caller(UUID.randomUUID()), null, cache.epoch());
        assertEquals(2, cache.size());
        assertNull(cache.find(key(3), NOW), "full: checked in the database every time, never an error");
        Thread.sleep(50);
        cache.keep(key(3), caller(UUID.randomUUID()), null, cache.epoch());
        assertEquals(1, cache.size(), "the stale entries made room");
    }

    @Test
    void disabledKeepsNothing() {
        CredentialCache cache = new CredentialCache(false, Duration.ofMinutes(1), 10, Duration.ofSeconds(1));
        cache.listening();
        cache.keep(key(1), caller(UUID.randomUUID()), null, cache.epoch());
        assertNull(cache.find(key(1), NOW));
        assertEquals(0, cache.size());
    }

    @Test
    void theKeyIsCopied() {
        CredentialCache cache = listening(Duration.ofMinutes(1), 10);
        byte[] k = key(1);
        cache.keep(k, caller(UUID.randomUUID()), null, cache.epoch());
        k[0] = 9;
        assertTrue(cache.find(key(1), NOW) != null);
    }
}
