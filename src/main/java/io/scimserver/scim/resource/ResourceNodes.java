package io.scimserver.scim.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.schema.ResolvedAttribute;
import io.scimserver.scim.schema.ResourceType;

/**
 * Where an attribute lives in a canonical resource: core and common attributes at the top level, extension
 * attributes inside the object under the extension's URN.
 */
public final class ResourceNodes {

    private ResourceNodes() {
    }

    /** The object holding the attribute, or null when it is an extension attribute and the extension is absent. */
    public static ObjectNode holder(ObjectNode resource, ResourceType type, ResolvedAttribute attr, boolean create) {
        if (!type.isExtension(attr.schema())) {
            return resource;
        }
        String urn = attr.schema().id();
        if (resource.get(urn) instanceof ObjectNode ext) {
            return ext;
        }
        return create ? resource.putObject(urn) : null;
    }

    /** Drops an extension object left empty by a removal. */
    public static void pruneEmptyExtension(ObjectNode resource, ResourceType type, ResolvedAttribute attr) {
        if (type.isExtension(attr.schema()) && resource.get(attr.schema().id()) instanceof ObjectNode ext
                && ext.isEmpty()) {
            resource.remove(attr.schema().id());
        }
    }
}
