package io.scimserver.web;

import io.scimserver.scim.protocol.EndpointNames;
import io.scimserver.scim.protocol.ScimMedia;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * SCIM answers {@code application/scim+json} whatever the client accepts (a response typed otherwise aborts
 * Microsoft's validator), and reads a body without a Content-Type as SCIM JSON. Runs before matching, so content
 * negotiation never refuses a SCIM request.
 */
@Singleton
public class ScimMediaTypes {

    @ServerRequestFilter(preMatching = true)
    public void negotiate(ContainerRequestContext ctx) {
        if (!EndpointNames.isScim(ctx.getUriInfo().getPath())) {
            return;
        }
        ctx.getHeaders().putSingle(HttpHeaders.ACCEPT, ScimMedia.SCIM_JSON);
        String type = ctx.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || type.isBlank()) {
            ctx.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, ScimMedia.SCIM_JSON);
        }
    }
}
