package io.scimserver.identity;

import io.scimserver.scim.protocol.ScimException;
import java.text.Normalizer;
import java.util.Optional;

/**
 * The one function for identity. Every identifier (userName, role and group names, organisation names) is stored in
 * its {@link #canonical canonical form} and compared by its {@link #key key}: lookups, uniqueness, the login-throttle
 * key and comparisons with the system role names all go through here.
 * <ul>
 * <li>canonical: Unicode NFC, white space (any Unicode space, tab, NBSP, ...) trimmed from both ends; refused with
 * {@code 400 invalidValue} when empty or when it holds a control character, an invisible one (zero-width space and
 * joiners, bidi embeddings and overrides, variation selectors, fillers) or white space other than a plain space.
 * Case is kept as sent.</li>
 * <li>key: the canonical form lower-cased one code point at a time with Unicode's simple mapping, which is what
 * PostgreSQL's {@code lower()} does in a UTF-8 database (the unique indexes are on {@code lower(...)}): {@code İ}
 * (U+0130) becomes {@code i}, {@code ẞ} becomes {@code ß}, {@code Σ} becomes {@code σ}. {@code IdentifiersTest} checks
 * that both agree on the database the tests run on.</li>
 * <li>userNames are also refused when NFKC would change them (fullwidth letters, ligatures, superscripts), so two
 * accounts can never differ by such lookalikes; role names may hold them, but one that NFKC and case folding turn
 * into a system role name is refused ({@link #imitates}).</li>
 * </ul>
 * Plain Java; used by every layer, importing only the SCIM error type.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** The canonical form of {@code value}; 400 invalidValue naming {@code attribute} when it cannot be one. */
    public static String canonical(String attribute, String value) {
        String s = Normalizer.normalize(value == null ? "" : value, Normalizer.Form.NFC);
        int start = 0;
        int end = s.length();
        while (start < end && isWhiteSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isWhiteSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        s = s.substring(start, end);
        if (s.isEmpty()) {
            throw ScimException.invalidValue("'" + attribute + "' is empty or only white space");
        }
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            if (isHidden(cp)) {
                throw ScimException.invalidValue("'" + attribute + "' contains " + describe(cp) + " at position "
                        + i + "; an identifier may hold visible characters and plain spaces only");
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    /** The canonical form of a userName: {@link #canonical} that NFKC leaves as it is. */
    public static String userName(String value) {
        String s = canonical("userName", value);
        if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
            throw ScimException.invalidValue("'userName' contains compatibility characters (fullwidth letters,"
                    + " ligatures, superscripts, ...); send it as \"" + Normalizer.normalize(s, Normalizer.Form.NFKC)
                    + "\"");
        }
        return s;
    }

    /** The canonical form, or empty when {@code value} cannot be an identifier (so it names nothing stored). */
    public static Optional<String> tryCanonical(String value) {
        try {
            return Optional.of(canonical("identifier", value));
        } catch (ScimException e) {
            return Optional.empty();
        }
    }

    /**
     * The comparison key of an identifier: its canonical form lower-cased as PostgreSQL's {@code lower()} does. A value
     * that cannot be canonical is keyed as sent, trimmed (it names nothing stored, but still gets a stable key).
     */
    public static String key(String value) {
        String s = tryCanonical(value).orElseGet(() -> value == null ? "" : value.strip());
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().map(Character::toLowerCase).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Whether two identifiers name the same thing. */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    /**
     * Whether {@code name} is, or looks like, the system name {@code systemName} once compatibility characters are
     * folded (NFKC: fullwidth {@code ＡＤＭＩＮ}) and case is ignored.
     */
    public static boolean imitates(String name, String systemName) {
        return key(Normalizer.normalize(key(name), Normalizer.Form.NFKC)).equals(key(systemName));
    }

    private static boolean isWhiteSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Characters that do not show, or show as white space, inside an identifier. */
    private static boolean isHidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE -> true;
            case Character.SPACE_SEPARATOR -> cp != ' ';
            default -> cp == 0x034F // combining grapheme joiner
                    || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF // variation selectors
                    || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
                    || cp == 0x17B4 || cp == 0x17B5 || cp == 0x180B || cp == 0x180C || cp == 0x180D || cp == 0x180F;
        };
    }

    private static String describe(int cp) {
        String code = String.format("U+%04X", cp);
        return switch (Character.getType(cp)) {
            case Character.CONTROL -> "a control character (" + code + ")";
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                "white space other than a plain space (" + code + ")";
            default -> cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F
                    || cp == 0x061C ? "a bidirectional control character (" + code + ")"
                    : "an invisible character (" + code + ")";
        };
    }
}
