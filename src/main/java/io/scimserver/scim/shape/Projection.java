package io.scimserver.scim.shape;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.schema.ResourceType;

/**
 * The {@code attributes}/{@code excludedAttributes} of one request, bound to its resource type: shapes rendered
 * resources and tells the storage layer which expensive attributes ({@code members}, {@code groups}) to read at all.
 */
public record Projection(ResourceShaper shaper, AttributeSelection selection) {

    public static Projection parse(String attributes, String excludedAttributes, ResourceType type) {
        return new Projection(new ResourceShaper(type), AttributeSelection.parse(attributes, excludedAttributes));
    }

    public ObjectNode apply(ObjectNode resource) {
        return shaper.shape(resource, selection);
    }

    /** Whether the response includes this top-level attribute, so whether it must be read. */
    public boolean includes(String attribute) {
        return shaper.isReturned(attribute, selection);
    }
}
