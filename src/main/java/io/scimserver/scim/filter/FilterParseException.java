package io.scimserver.scim.filter;

/**
 * A filter or path that does not follow RFC 7644 grammar. The message names the 0-based position in the input and
 * what was expected there, for example {@code expected a comparison operator at position 9, found "foo"}.
 */
public class FilterParseException extends RuntimeException {

    private final int position;

    public FilterParseException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** 0-based offset in the input where the problem was found. */
    public int position() {
        return position;
    }
}
