package io.scimserver.scim.schema;

import java.util.List;
import java.util.Optional;

/** A SCIM schema (RFC 7643 §7): its URN id, name, description and top-level attributes. */
public record SchemaDef(String id, String name, String description, List<AttributeDef> attributes) {

    public SchemaDef {
        attributes = List.copyOf(attributes);
    }

    /**
     * The top-level attribute with this name, matched case-insensitively. A loop, not a stream: shaping a resource
     * asks this for each of its attributes, on every response.
     */
    public Optional<AttributeDef> attribute(String attrName) {
        return AttributeDef.named(attributes, attrName);
    }
}
