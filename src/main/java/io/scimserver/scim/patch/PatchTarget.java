package io.scimserver.scim.patch;

import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.ResolvedAttribute;
import io.scimserver.scim.schema.ResourceType;

/**
 * A PATCH path resolved against the schema.
 *
 * @param resolved the attribute, and its sub-attribute for the form {@code attr.sub}
 * @param filter the value filter of {@code attr[filter]}, or null
 * @param filteredSub the sub-attribute of {@code attr[filter].sub}, or null
 */
record PatchTarget(ResolvedAttribute resolved, Filter filter, AttributeDef filteredSub) {

    /** Resolves {@code path}; an unknown attribute or a filter on a single-valued one is {@code 400 invalidPath}. */
    static PatchTarget resolve(PatchPath path, ResourceType type) {
        ResolvedAttribute r = type.resolve(path.attr()).orElseThrow(() -> ScimException.invalidPath(
                "'" + path.attr() + "' is not an attribute of a " + type.name()));
        if (path.valueFilter() == null) {
            return new PatchTarget(r, null, null);
        }
        if (!r.attribute().multiValued() || r.sub() != null) {
            throw ScimException.invalidPath("a value filter [...] applies to a multi-valued attribute; '"
                    + path.attr() + "' is not one");
        }
        AttributeDef sub = null;
        if (path.subAttr() != null) {
            sub = r.attribute().subAttribute(path.subAttr()).orElseThrow(() -> ScimException.invalidPath(
                    "'" + path.subAttr() + "' is not a sub-attribute of '" + r.attribute().name() + "'"));
        }
        return new PatchTarget(r, path.valueFilter(), sub);
    }

    AttributeDef attribute() {
        return resolved.attribute();
    }

    /** The sub-attribute addressed, by {@code attr.sub} or {@code attr[filter].sub}, or null. */
    AttributeDef sub() {
        return resolved.sub() != null ? resolved.sub() : filteredSub;
    }

    /** The path for messages: {@code emails.value}. */
    String describe() {
        return sub() == null ? attribute().name() : attribute().name() + "." + sub().name();
    }
}
