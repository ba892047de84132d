package io.scimserver.scim.query;

import java.util.UUID;

/**
 * A position in a sorted list, as an RFC 9865 cursor carries it: next to the row whose sort key is {@code key} (as
 * text; null for a NULL key) and whose id is {@code id}. A forward cursor asks for the rows after that row (a
 * {@code nextCursor}), a backward one for the rows before it (a {@code previousCursor}).
 */
public record Cursor(boolean backward, String key, UUID id) {

    public static Cursor after(String key, UUID id) {
        return new Cursor(false, key, id);
    }

    public static Cursor before(String key, UUID id) {
        return new Cursor(true, key, id);
    }
}
