package io.scimserver.scim.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.bulk.BulkLimits;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimMedia;
import io.scimserver.scim.schema.DiscoveryDocuments;
import io.scimserver.scim.schema.SchemaRegistry;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The discovery endpoints of RFC 7644 §4, rendered from the schema definitions and configuration. */
@Tag(name = "SCIM discovery", description = "ServiceProviderConfig, Schemas and ResourceTypes (RFC 7644 section 4)")
@Path("/scim/v2")
@Produces(ScimMedia.SCIM_JSON)
public class DiscoveryResource {

    private final ScimConfig config;
    private final SchemaRegistry registry;
    private final DiscoveryDocuments documents;
    private final BulkLimits bulk;

    public DiscoveryResource(ScimConfig config, SchemaRegistry registry, BulkLimits bulk) {
        this.config = config;
        this.registry = registry;
        this.bulk = bulk;
        this.documents = new DiscoveryDocuments(registry);
    }

    @GET
    @Path("ServiceProviderConfig")
    public ObjectNode serviceProviderConfig(@Context UriInfo uri) {
        return ServiceProviderConfigDocument.render(config.limits(), bulk, ScimBase.url(uri));
    }

    @GET
    @Path("Schemas")
    public ObjectNode schemas(@Context UriInfo uri) {
        return documents.schemas(ScimBase.url(uri));
    }

    @GET
    @Path("Schemas/{id}")
    public ObjectNode schema(@PathParam("id") String id, @Context UriInfo uri) {
        return registry.schema(id).map(s -> documents.schema(s, ScimBase.url(uri)))
                .orElseThrow(() -> ScimException.notFound("no schema " + id + "; GET /Schemas lists them"));
    }

    @GET
    @Path("ResourceTypes")
    public ObjectNode resourceTypes(@Context UriInfo uri) {
        return documents.resourceTypes(ScimBase.url(uri));
    }

    @GET
    @Path("ResourceTypes/{id}")
    public ObjectNode resourceType(@PathParam("id") String id, @Context UriInfo uri) {
        return registry.resourceType(id).map(t -> documents.resourceType(t, ScimBase.url(uri)))
                .orElseThrow(() -> ScimException.notFound("no resource type " + id + "; GET /ResourceTypes lists them"));
    }
}
