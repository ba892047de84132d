package io.scimserver.auth;

import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which new passwords are accepted, as NIST SP 800-63B (5.1.1.2) advises: long enough and not a commonly used one; no
 * composition rules, no expiry. The length is counted in code points of the normalised password (NFKC, each run of
 * white space one space, trimmed), so eight spaces count as none; the list of common passwords is
 * {@code auth/common-passwords.txt}, compared without regard to case. Refusals are 400 invalidValue and never repeat
 * the password.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final String COMMON_PASSWORDS = "auth/common-passwords.txt";

    private final int minLength;
    private final Set<String> common;

    public PasswordPolicy(ScimConfig config) {
        this.minLength = config.login().passwordMinLength();
        this.common = load();
    }

    /** Refuses (400) a new password that is too short or commonly used. */
    public void check(String raw) {
        String normalised = raw == null ? "" : normalise(raw);
        if (normalised.codePointCount(0, normalised.length()) < minLength) {
            throw ScimException.invalidValue("a password needs at least " + minLength + " characters, not counting"
                    + " white space at its ends or repeated white space");
        }
        if (common.contains(normalised.toLowerCase(Locale.ROOT))) {
            throw ScimException.invalidValue("this password is one of the most commonly used passwords, which are"
                    + " tried first by anyone guessing; choose another (a few unrelated words make a good one)");
        }
    }

    static String normalise(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("[\\s\\p{Z}]+", " ").strip();
    }

    private static Set<String> load() {
        InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS);
        if (in == null) {
            throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> normalise(l).toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
