package io.scimserver.scim.filter;

import io.scimserver.scim.filter.Token.Kind;
import io.scimserver.scim.protocol.AcceptedText;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Splits a filter or PATCH path into tokens on demand, with one token of look-ahead. A word is an attribute path
 * ({@code name.familyName}, {@code urn:...:User:employeeNumber}, {@code $ref}) or a keyword ({@code and}, {@code eq},
 * {@code true}); the parser decides which from where it stands.
 *
 * <p>What text it accepts is {@link AcceptedText}'s decision: a string literal is a value (no NUL, no lone surrogate,
 * escaped or raw, at most {@link AcceptedText#MAX_VALUE} characters), a number is in range; every refusal names its
 * position.
 */
final class FilterLexer {

    private final String input;
    private int offset;
    private Token peeked;
    private final java.util.List<Integer> written = new java.util.ArrayList<>();

    /** The grammar of a JSON number, which {@link #number(int)} reads; its range is checked there. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    FilterLexer(String input) {
        this.input = input;
    }

    Token peek() {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    Token next() {
        Token token = peek();
        peeked = null;
        return token;
    }

    /**
     * The comparison value after an operator (no token may be peeked). A quoted string, a number, {@code true},
     * {@code false} and {@code null} read as anywhere else. Any other run of characters up to white space, {@code )},
     * {@code ]} or the end is a {@link Kind#BARE} value, a string written without quotes ({@code userName sw O},
     * {@code meta.created gt 2015-10-10T14:38:21.8617979-07:00}), as Microsoft's reference server reads it. Such a run
     * may not hold {@code "}, {@code (}, {@code [}, a backslash, a control, space or invisible formatting character
     * (U+00A0, U+200B, U+202E): a run with one of them is refused at that character, as the parse would be a guess.
     */
    Token nextValue() {
        if (peeked != null) {
            throw new IllegalStateException("nextValue() after peek()");
        }
        skipWhitespace();
        if (offset >= input.length() || "\"()[]".indexOf(input.charAt(offset)) >= 0) {
            return next();
        }
        int start = offset;
        int end = start;
        while (end < input.length() && !Character.isWhitespace(input.charAt(end)) && input.charAt(end) != ')'
                && input.charAt(end) != ']') {
            end++;
        }
        if (JSON_NUMBER.matcher(input).region(start, end).matches()) {
            return number(start);
        }
        for (int i = start; i < end; i++) {
            char c = input.charAt(i);
            if ("\"([\\".indexOf(c) >= 0 || refusedBare(input, i)) {
                throw new FilterParseException("unexpected character '" + AcceptedText.printable(c) + "' at position "
                        + i + " in a value without quotes: write the value as a \"string\"", i);
            }
        }
        if (end - start > AcceptedText.MAX_VALUE) {
            throw new FilterParseException("the value at position " + start + " is longer than "
                    + AcceptedText.MAX_VALUE + " characters", start);
        }
        offset = end;
        String text = input.substring(start, end);
        return new Token(Kind.BARE, text, start, text);
    }

    private static boolean refusedBare(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return false;
        }
        if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
            return false;
        }
        return Character.isISOControl(c) || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT
                || Character.isSpaceChar(c); // a no-break or other space not ending the value: a guess either way
    }

    private void skipWhitespace() {
        while (offset < input.length() && Character.isWhitespace(input.charAt(offset))) {
            offset++;
        }
    }

    private Token read() {
        skipWhitespace();
        if (offset >= input.length()) {
            return new Token(Kind.END, "", input.length(), null);
        }
        int start = offset;
        char c = input.charAt(offset);
        return switch (c) {
            case '(' -> single(Kind.LPAREN, start);
            case ')' -> single(Kind.RPAREN, start);
            case '[' -> single(Kind.LBRACKET, start);
            case ']' -> single(Kind.RBRACKET, start);
            case '.' -> single(Kind.DOT, start);
            case '"' -> string(start);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number(start);
                }
                if (isAlpha(c) || c == '$') {
                    yield word(start);
                }
                throw new FilterParseException("unexpected character '" + AcceptedText.printable(c) + "' at position "
                        + start, start);
            }
        };
    }

    private Token single(Kind kind, int start) {
        offset++;
        return new Token(kind, input.substring(start, offset), start, null);
    }

    private Token word(int start) {
        while (offset < input.length() && isWordChar(input.charAt(offset))) {
            offset++;
        }
        return new Token(Kind.WORD, input.substring(start, offset), start, null);
    }

    /** A JSON number: {@code -? int frac? exp?}. */
    private Token number(int start) {
        if (input.charAt(offset) == '-') {
            offset++;
        }
        requireDigits(start);
        if (offset < input.length() && input.charAt(offset) == '.') {
            offset++;
            requireDigits(start);
        }
        if (offset < input.length() && (input.charAt(offset) == 'e' || input.charAt(offset) == 'E')) {
            offset++;
            if (offset < input.length() && (input.charAt(offset) == '+' || input.charAt(offset) == '-')) {
                offset++;
            }
            requireDigits(start);
        }
        if (offset < input.length() && isWordChar(input.charAt(offset))) {
            throw new FilterParseException("malformed number at position " + start, start);
        }
        String text = input.substring(start, offset);
        String problem = AcceptedText.numberProblem(text);
        if (problem != null) {
            throw new FilterParseException("the number at position " + start + " " + problem, start);
        }
        return new Token(Kind.NUMBER, text, start, new BigDecimal(text));
    }

    private void requireDigits(int start) {
        int from = offset;
        while (offset < input.length() && isDigit(input.charAt(offset))) {
            offset++;
        }
        if (offset == from) {
            throw new FilterParseException("malformed number at position " + start, start);
        }
    }

    /** A JSON string with its escapes decoded; {@code written} holds where each decoded character stands in the input. */
    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        written.clear();
        offset++;
        while (offset < input.length()) {
            char c = input.charAt(offset);
            if (c == '"') {
                offset++;
                return new Token(Kind.STRING, input.substring(start, offset), start, accepted(value, start));
            }
            if (value.length() >= AcceptedText.MAX_VALUE) {
                throw new FilterParseException("the string at position " + start + " is longer than "
                        + AcceptedText.MAX_VALUE + " characters", start);
            }
            written.add(offset);
            if (c == '\\') {
                value.append(escape());
            } else {
                value.append(c);
                offset++;
            }
        }
        throw new FilterParseException("unterminated string starting at position " + start, start);
    }

    /** The decoded string if it is an accepted value; else an error at the offending character or escape. */
    private String accepted(StringBuilder value, int start) {
        int bad = AcceptedText.refusedInValue(value);
        if (bad < 0) {
            return value.toString();
        }
        int at = written.get(bad);
        throw new FilterParseException("the string at position " + start + " holds " + AcceptedText.describe(value, bad)
                + " at position " + at, at);
    }

    private char escape() {
        int at = offset;
        if (offset + 1 >= input.length()) {
            throw new FilterParseException("unterminated string: escape at position " + at + " ends the input", at);
        }
        char c = input.charAt(offset + 1);
        offset += 2;
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode(at);
            default -> throw new FilterParseException("invalid escape \\" + c + " at position " + at, at);
        };
    }

    private char unicode(int at) {
        if (offset + 4 > input.length()) {
            throw new FilterParseException("expected 4 hex digits after \\u at position " + at, at);
        }
        String hex = input.substring(offset, offset + 4);
        for (char h : hex.toCharArray()) {
            if (Character.digit(h, 16) < 0) {
                throw new FilterParseException("expected 4 hex digits after \\u at position " + at, at);
            }
        }
        offset += 4;
        return (char) Integer.parseInt(hex, 16);
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** nameChar of RFC 7643 plus the URN separator ':', the sub-attribute '.' and the '$' of {@code $ref}. */
    private static boolean isWordChar(char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '_' || c == ':' || c == '.' || c == '$';
    }
}
