package io.scimserver.scim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursors: what goes in comes out; anything altered, foreign, out of place or too old is refused by name. */
class CursorCodecTest {

    private static final byte[] KEY = CursorCodec.deriveKey("a test secret of at least thirty-two characters");
    private static final CursorCodec CODEC = new CursorCodec(KEY, Duration.ofMinutes(10));
    private static final byte[] QUERY = CursorCodec.fingerprint("User", "org", "username sw \"J\"", "", "ascending");
    private static final Instant NOW = Instant.parse("2026-12-05T14:00:00Z");
    private static final UUID ID = UUID.randomUUID();
    /** RFC 3986 §2.3 unreserved characters. */
    private static final Pattern UNRESERVED = Pattern.compile("[A-Za-z0-9._~-]+");

    @Test
    void roundTripsForwardBackwardAndNullKeys() {
        for (Cursor c : new Cursor[] { Cursor.after("jensen", ID), Cursor.before("jensen", ID),
                Cursor.after(null, ID), Cursor.before(null, ID), Cursor.after("", ID),
                Cursor.after("Ünïcødé 🙂 \"quoted\"", ID) }) {
            String token = CODEC.encode(c, QUERY, NOW);
            assertTrue(UNRESERVED.matcher(token).matches(), token);
            assertEquals(c, CODEC.decode(token, QUERY, NOW.plusSeconds(599)));
        }
    }

    @Test
    void aCursorIsValidForTheTimeoutAndExpiredAfter() {
        String token = CODEC.encode(Cursor.after("k", ID), QUERY, NOW);
        assertEquals(Cursor.after("k", ID), CODEC.decode(token, QUERY, NOW.plus(Duration.ofMinutes(10))));
        ScimException e = assertThrows(ScimException.class,
                () -> CODEC.decode(token, QUERY, NOW.plus(Duration.ofMinutes(10)).plusSeconds(1)));
        assertEquals(ScimType.EXPIRED_CURSOR, e.scimType());
        assertEquals(400, e.status());
        assertTrue(e.detail().contains("600 seconds"), e.detail());
    }

    @Test
    void everyAlteredByteIsRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(CODEC.encode(Cursor.after("jensen", ID), QUERY, NOW));
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = bytes.clone();
                altered[i] ^= (byte) (1 << bit);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
                assertInvalid(token, "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void aCursorOfAnotherKeyIsRefused() {
        CursorCodec other = new CursorCodec(CursorCodec.deriveKey("another secret of at least thirty-two chars"),
                Duration.ofMinutes(10));
        assertInvalid(other.encode(Cursor.after("jensen", ID), QUERY, NOW), "another key");
    }

    @Test
    void aCursorOfAnotherQueryIsRefusedSayingSo() {
        String token = CODEC.encode(Cursor.after("jensen", ID), QUERY, NOW);
        for (byte[] other : new byte[][] {
                CursorCodec.fingerprint("User", "org", "username sw \"j\"", "", "ascending"),
                CursorCodec.fingerprint("User", "org", "username sw \"J\"", "", "descending"),
                CursorCodec.fingerprint("User", "org", "username sw \"J\"", "name.familyname", "ascending"),
                CursorCodec.fingerprint("User", "other org", "username sw \"J\"", "", "ascending"),
                CursorCodec.fingerprint("Group", "org", "username sw \"J\"", "", "ascending") }) {
            ScimException e = assertThrows(ScimException.class, () -> CODEC.decode(token, other, NOW));
            assertEquals(ScimType.INVALID_CURSOR, e.scimType());
            assertTrue(e.detail().contains("another query"), e.detail());
        }
    }

    @Test
    void fingerprintsDoNotRunPartsTogether() {
        assertNotEquals(java.util.HexFormat.of().formatHex(CursorCodec.fingerprint("ab", "c")),
                java.util.HexFormat.of().formatHex(CursorCodec.fingerprint("a", "bc")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "x", "VZUTiyhEQJ94IR", "not a cursor", "%00", "AAAA", "====", "a.b~c",
            "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
    void malformedCursorsAreInvalid(String token) {
        assertInvalid(token, token);
    }

    @Test
    void anOverlongCursorIsRefusedBeforeItIsDecoded() {
        assertInvalid("A".repeat(CursorCodec.MAX_LENGTH + 1), "overlong");
    }

    private static void assertInvalid(String token, String what) {
        ScimException e = assertThrows(ScimException.class, () -> CODEC.decode(token, QUERY, NOW), what);
        assertEquals(ScimType.INVALID_CURSOR, e.scimType(), what);
        assertEquals(400, e.status());
        assertTrue(e.detail().contains("not one this service issued"), e.detail());
    }
}
