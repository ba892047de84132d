package io.scimserver.web;

import io.scimserver.scim.protocol.EndpointNames;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Before matching, and before any other filter reads the path (authentication, media types, rate limits, the
 * failed-write audit): rewrites a SCIM path to the canonical case of {@link EndpointNames}, so that
 * {@code /scim/v2/users} is {@code /scim/v2/Users} for everything that follows, {@code BearerAuthFilter}'s ADMIN check
 * included.
 */
@Singleton
public class EndpointCase {

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void canonicalise(ContainerRequestContext ctx, HttpServerRequest request) {
        // the raw path as Vert.x parsed it: the request URI is built (scheme, authority, parsing) only to rewrite it
        String path = request.path();
        String canonical = EndpointNames.canonical(path);
        if (canonical != null && !canonical.equals(path)) {
            URI uri = ctx.getUriInfo().getRequestUri();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            // Quarkus keeps the new URI's decoded path and decodes it again when the path is read: escaping each
            // '%' once more makes the rest of the path decode exactly once, as it does on a path left as sent
            // (otherwise /scim/v2/users/%25zz failed to decode, a 500, and %2500 became a NUL in an id)
            ctx.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()
                    + canonical.replace("%", "%25") + query));
        }
    }
}
