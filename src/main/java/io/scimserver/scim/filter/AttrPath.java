package io.scimserver.scim.filter;

import java.util.Objects;

/**
 * An attribute path as written in a filter or a PATCH path (RFC 7644 §3.10): an optional schema URN, the attribute
 * name and an optional sub-attribute. Names keep the case the client wrote; resolution against the schema is
 * case-insensitive.
 *
 * @param schemaUrn the URN prefix, such as {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}, or null
 * @param name the attribute name, such as {@code name} or {@code emails}
 * @param subAttr the sub-attribute, such as {@code familyName}, or null
 */
public record AttrPath(String schemaUrn, String name, String subAttr) {

    public AttrPath {
        Objects.requireNonNull(name);
    }

    public static AttrPath of(String name) {
        return new AttrPath(null, name, null);
    }

    public static AttrPath of(String name, String subAttr) {
        return new AttrPath(null, name, subAttr);
    }

    /** The same path with another (or no) sub-attribute. */
    public AttrPath withSubAttr(String sub) {
        return new AttrPath(schemaUrn, name, sub);
    }

    /** The path as SCIM writes it: {@code urn:...:name.sub}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (schemaUrn != null) {
            b.append(schemaUrn).append(':');
        }
        b.append(name);
        if (subAttr != null) {
            b.append('.').append(subAttr);
        }
        return b.toString();
    }
}
