package io.scimserver.scim.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimMedia;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** The discovery endpoints of RFC 7644 §4, rendered from the schema definitions and configuration. */
@Path("/scim/v2")
@Produces(ScimMedia.SCIM_JSON)
public class DiscoveryResource {

    private final ScimConfig config;

    public DiscoveryResource(ScimConfig config) {
        this.config = config;
    }

    @GET
    @Path("ServiceProviderConfig")
    public ObjectNode serviceProviderConfig(@Context UriInfo uri) {
        return ServiceProviderConfigDocument.render(config.limits(), ScimBase.url(uri));
    }
}
