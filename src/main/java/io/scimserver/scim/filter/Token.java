package io.scimserver.scim.filter;

/**
 * One token of a filter or PATCH path.
 *
 * @param kind what the token is
 * @param text the token as written in the input (for error messages)
 * @param position 0-based offset of the token's first character
 * @param value the decoded value: the unescaped {@code String} of a string token, the text of a value written
 *     without quotes, the {@code BigDecimal} of a number, null otherwise
 */
record Token(Kind kind, String text, int position, Object value) {

    enum Kind { WORD, STRING, BARE, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, DOT, END }

    /**
     * True for a word (or a value without quotes) equal to {@code keyword}, ignoring case ({@code AND}, {@code Or},
     * {@code pr}, {@code True}).
     */
    boolean isKeyword(String keyword) {
        return (kind == Kind.WORD || kind == Kind.BARE) && text.equalsIgnoreCase(keyword);
    }

    /** How the token reads in an error message: {@code "foo"} or {@code end of input}. */
    String describe() {
        return kind == Kind.END ? "end of input" : "\"" + text + "\"";
    }
}
