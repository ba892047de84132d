package io.scimserver.scim.filter;

import java.util.Objects;

/**
 * A PATCH {@code path} (RFC 7644 §3.5.2): {@code attr}, {@code attr.sub}, {@code attr[filter]},
 * {@code attr[filter].sub}, each optionally URN-qualified.
 *
 * @param attr the attribute; its {@code subAttr} is set for the form {@code attr.sub} and null otherwise
 * @param valueFilter the filter between brackets, or null
 * @param subAttr the sub-attribute after the brackets ({@code emails[type eq "work"].value}), or null
 */
public record PatchPath(AttrPath attr, Filter valueFilter, String subAttr) {

    public PatchPath {
        Objects.requireNonNull(attr);
        if (subAttr != null && valueFilter == null) {
            throw new IllegalArgumentException("a sub-attribute after brackets needs a value filter");
        }
    }
}
