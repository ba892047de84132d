package io.scimserver.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF tokens of the console's forms, without server-side state. A signed-in form carries a digest of the session
 * token, which only the HttpOnly cookie holds: a page of another site can neither read the cookie nor compute the
 * digest, and every replica checks it the same way. The sign-in form, before any session, is a double submit: a random
 * value in a cookie of its own and in the form. The cookies are SameSite=Strict besides.
 */
final class Csrf {

    static final String FIELD = "csrf";

    private Csrf() {
    }

    /** The token a form of this session carries. */
    static String of(String sessionToken) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("scim-console-csrf\n" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether a form sent {@code sent} for the session {@code sessionToken}, compared in constant time. */
    static boolean valid(String sessionToken, String sent) {
        return sessionToken != null && same(of(sessionToken), sent);
    }

    /**
     * A fresh random value for the sign-in form's double submit, from the caller's generator. Never a static one here:
     * Quarkus initialises application classes while building a native image, and GraalVM's builder refuses the image
     * ("Detected an instance of Random/SplittableRandom class in the image heap", reached through this method) since
     * a generator made then would carry its build-time seed into every binary.
     */
    static String random(SecureRandom random) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static boolean same(String expected, String sent) {
        return expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
