package io.scimserver.scim.query;

import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and reads RFC 9865 cursors: opaque, URL-safe (base64url, unreserved characters only), tamper-evident and
 * bound to one query. A cursor holds a {@link Cursor} position, the time it was issued and a fingerprint of the
 * query (resource type, organisation, filter, sortBy, sortOrder), under an HMAC-SHA256 with the service's key. Nothing
 * is stored on the server: any replica with the same key reads any replica's cursors.
 *
 * <p>Layout before base64url: version (1 byte), flags (1: backward, 2: NULL key), issued (8, epoch seconds), id (16),
 * query fingerprint (16), key (UTF-8, the rest), MAC (16, truncated HMAC-SHA256 of everything before it). The key is
 * the sort value of a row the caller was shown; the cursor is signed, not encrypted.
 */
public final class CursorCodec {

    /** Longest cursor read; a longer one is refused before it is decoded. */
    static final int MAX_LENGTH = 4096;

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 1 + 8 + 16 + 16;
    private static final int MAC_LENGTH = 16;
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String INVALID = "the cursor is not one this service issued: send an empty cursor to start"
            + " from the first page, then each response's nextCursor (or previousCursor) as it is";

    private final byte[] key;
    private final Duration timeout;

    /**
     * @param key the HMAC key, 32 bytes (see {@link #deriveKey})
     * @param timeout how long a cursor stays valid after it was issued (advertised as {@code cursorTimeout})
     */
    public CursorCodec(byte[] key, Duration timeout) {
        this.key = key.clone();
        this.timeout = timeout;
    }

    /** The HMAC key derived from a configured secret: HMAC-SHA256(secret, label), so no other use of it leaks. */
    public static byte[] deriveKey(String secret) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8),
                "scim-server RFC 9865 cursor key v1".getBytes(StandardCharsets.UTF_8));
    }

    /** The fingerprint of a query: the first 16 bytes of SHA-256 over its parts. */
    public static byte[] fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
            return Arrays.copyOf(sha.digest(), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    public String encode(Cursor cursor, byte[] query, Instant issued) {
        byte[] keyText = cursor.key() == null ? new byte[0] : cursor.key().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER + keyText.length + MAC_LENGTH);
        b.put(VERSION);
        b.put((byte) ((cursor.backward() ? 1 : 0) | (cursor.key() == null ? 2 : 0)));
        b.putLong(issued.getEpochSecond());
        b.putLong(cursor.id().getMostSignificantBits()).putLong(cursor.id().getLeastSignificantBits());
        b.put(query, 0, 16);
        b.put(keyText);
        b.put(hmac(key, Arrays.copyOf(b.array(), b.position())), 0, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * The position {@code token} holds. 400 {@code invalidCursor} when it is malformed, altered, signed with another
     * key or issued for another query; 400 {@code expiredCursor} when older than the timeout at {@code now}.
     */
    public Cursor decode(String token, byte[] query, Instant now) {
        if (token.length() > MAX_LENGTH || !URL_SAFE.matcher(token).matches()) {
            throw invalid(INVALID);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid(INVALID);
        }
        if (bytes.length < HEADER + MAC_LENGTH || bytes[0] != VERSION) {
            throw invalid(INVALID);
        }
        int signed = bytes.length - MAC_LENGTH;
        byte[] expected = Arrays.copyOf(hmac(key, Arrays.copyOf(bytes, signed)), MAC_LENGTH);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, signed, bytes.length))) {
            throw invalid(INVALID);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, signed);
        b.get();
        int flags = b.get();
        Instant issued = Instant.ofEpochSecond(b.getLong());
        UUID id = new UUID(b.getLong(), b.getLong());
        byte[] fingerprint = new byte[16];
        b.get(fingerprint);
        if (!MessageDigest.isEqual(fingerprint, Arrays.copyOf(query, 16))) {
            throw invalid("the cursor belongs to another query: a cursor continues the query that returned it, with"
                    + " the same filter, sortBy and sortOrder; send an empty cursor to start this one");
        }
        if (now.isAfter(issued.plus(timeout))) {
            throw new ScimException(400, ScimType.EXPIRED_CURSOR, "the cursor has expired: a cursor is valid for "
                    + timeout.toSeconds() + " seconds (cursorTimeout in /ServiceProviderConfig) after the page that"
                    + " returned it; start again with an empty cursor");
        }
        String keyText = (flags & 2) != 0 ? null
                : new String(bytes, HEADER, signed - HEADER, StandardCharsets.UTF_8);
        return new Cursor((flags & 1) != 0, keyText, id);
    }

    private static ScimException invalid(String detail) {
        return new ScimException(400, ScimType.INVALID_CURSOR, detail);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
