package io.scimserver.scim.protocol;

import java.math.BigDecimal;

/**
 * The one decision on what text and numbers the service accepts, applied where they enter: the filter and PATCH path
 * lexer, the JSON body reader and the guard on URL paths and query parameters. Nothing downstream (PostgreSQL, the
 * audit trail, a log line) then meets a value it cannot hold.
 * <ul>
 * <li>Every string is valid Unicode (no lone UTF-16 surrogate, escaped or raw) and holds no NUL (U+0000), which
 * PostgreSQL cannot store in text or jsonb.</li>
 * <li>A <em>value</em> (a JSON string, a string literal in a filter) may hold other control characters: a formatted
 * address has line breaks. At most {@link #MAX_VALUE} characters.</li>
 * <li>A <em>name</em> (the URL path and its ids, query parameters, attribute names, a filter or path outside its
 * string literals) holds no control character at all (U+0000-U+001F, U+007F-U+009F).</li>
 * <li>A number has at most {@link #MAX_NUMBER_LENGTH} characters and is 0 or of a magnitude between 1e-308 and 1e308,
 * the range of a double: {@code 1e9999999999} is refused, not rounded to infinity.</li>
 * </ul>
 */
public final class AcceptedText {

    /** Longest string value anywhere in a body or a filter literal. */
    public static final int MAX_VALUE = 16_384;
    /** Longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Largest decimal exponent of a non-zero number, either way. */
    public static final int MAX_EXPONENT = 308;

    private AcceptedText() {
    }

    /** Index of the first character a value may not hold (NUL, a lone surrogate), or -1. */
    public static int refusedInValue(CharSequence s) {
        return firstRefused(s, false);
    }

    /** Index of the first character a name or parameter may not hold (any control character, a lone surrogate), or -1. */
    public static int refusedInName(CharSequence s) {
        return firstRefused(s, true);
    }

    private static int firstRefused(CharSequence s, boolean noControls) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || (noControls && Character.isISOControl(c))) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong with the character at {@code i}: "a NUL character (U+0000)", "a lone surrogate (U+D800)". */
    public static String describe(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c == 0) {
            return "a NUL character (U+0000)";
        }
        if (Character.isSurrogate(c)) {
            return "a lone surrogate (" + codePoint(c) + "), which is not valid Unicode";
        }
        return "a control character (" + codePoint(c) + ")";
    }

    /** The character as it may appear in an error message or a log line: itself if visible, else {@code U+XXXX}. */
    public static String printable(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT
                ? codePoint(c) : String.valueOf(c);
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** Why the JSON number {@code text} is refused, or null when it is accepted. */
    public static String numberProblem(String text) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            return "has " + text.length() + " characters; at most " + MAX_NUMBER_LENGTH + " are accepted";
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            return outOfRange();
        }
        return numberProblem(value);
    }

    /** Why {@code value} is refused, or null when it is accepted. */
    public static String numberProblem(BigDecimal value) {
        if (Math.abs((long) value.scale()) > MAX_EXPONENT + MAX_NUMBER_LENGTH) {
            return outOfRange(); // 0e999999 too: PostgreSQL's numeric cannot read it
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        return value.signum() != 0 && Math.abs(exponent) > MAX_EXPONENT ? outOfRange() : null;
    }

    /** Why a number that is infinite, or too large or small to write, is refused. */
    public static String outOfRange() {
        return "is out of range: a number is 0 or between 1e-" + MAX_EXPONENT + " and 1e" + MAX_EXPONENT
                + " in magnitude";
    }
}
