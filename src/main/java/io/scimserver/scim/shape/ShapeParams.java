package io.scimserver.scim.shape;

import io.scimserver.scim.schema.ResourceType;
import jakarta.ws.rs.QueryParam;

/** The {@code attributes} and {@code excludedAttributes} query parameters of a SCIM request (RFC 7644 §3.9). */
public class ShapeParams {

    @QueryParam("attributes")
    public String attributes;

    @QueryParam("excludedAttributes")
    public String excludedAttributes;

    public Projection projection(ResourceType type) {
        return Projection.parse(attributes, excludedAttributes, type);
    }

    /** Whether the client named the attributes it wants (a group PATCH then answers 200 with them, not 204). */
    public boolean asksForAttributes() {
        return attributes != null && !attributes.isBlank();
    }
}
