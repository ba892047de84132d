package io.scimserver.web;

import io.scimserver.scim.discovery.ScimBase;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every response gets right, in one place: a {@code Location} (made absolute by JAX-RS from the request's
 * {@code Host}) is rebased on the public base URL ({@link ScimBase}), while an absolute-path one (the admin console's
 * redirects) is left for the browser to resolve against the origin it used; every {@code /api/} response is {@code
 * Cache-Control: no-store}: several carry a secret (a session token, a personal access token, an organisation's admin
 * token) and the rest personal data, and one rule for the whole API cannot miss an endpoint added later.
 */
@Singleton
public class ResponseHeaders {

    /**
     * The admin console's pages load their stylesheet and script from the console itself, never inline (no {@code
     * unsafe-inline}), post forms only to it, and are framed by nobody. Pages carry a one-time secret or personal
     * data, hence {@code no-store} too.
     */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @ServerResponseFilter
    public void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null && !location.toString().startsWith("/")) {
            URI uri = URI.create(location.toString());
            String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            response.getHeaders().putSingle(HttpHeaders.LOCATION, ScimBase.origin(request.getUriInfo()) + rest);
        }
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
        if (request.getUriInfo().getPath().startsWith("/console")) {
            response.getHeaders().putSingle("Content-Security-Policy", CONSOLE_CSP);
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
            response.getHeaders().putSingle("X-Frame-Options", "DENY");
        }
    }
}
