package io.scimserver.web;

import io.scimserver.scim.discovery.ScimBase;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every response gets right, in one place: a {@code Location} (made absolute by JAX-RS from the request's
 * {@code Host}) is rebased on the public base URL ({@link ScimBase}); responses that carry a secret (a session token,
 * a personal access token, an organisation's first admin token) are {@code Cache-Control: no-store}.
 */
public class ResponseHeaders {

    /** Paths whose successful POST answers carry a secret. */
    private static final Set<String> SECRET_BEARING = Set.of("/api/v1/login", "/api/v1/login/sso", "/api/v1/tokens",
            "/api/v1/orgs");

    @ServerResponseFilter
    public void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            URI uri = URI.create(location.toString());
            String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            response.getHeaders().putSingle(HttpHeaders.LOCATION, ScimBase.origin(request.getUriInfo()) + rest);
        }
        String path = request.getUriInfo().getPath();
        if (SECRET_BEARING.contains(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
    }
}
