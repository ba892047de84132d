package io.scimserver.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request to {@code /scim/v2} and {@code /api/v1} (but login and organisation creation) from its
 * bearer token, before the resource method runs; a missing or malformed header is refused here in every case. For
 * methods marked {@link AuthenticatedInMethod} the database check is deferred to the first step of the method, in
 * its transaction when it has one, so that a write runs one transaction, not two.
 */
public class BearerAuthFilter {

    private static final Set<String> OPEN_API_PATHS = Set.of("/api/v1/login", "/api/v1/login/sso", "/api/v1/orgs");

    private final Authenticator authenticator;
    private final CurrentCaller current;

    public BearerAuthFilter(Authenticator authenticator, CurrentCaller current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext ctx, ResourceInfo resource) {
        String path = normalise(ctx.getUriInfo().getPath());
        boolean scim = path.startsWith("/scim/");
        if (!scim && (!path.startsWith("/api/") || OPEN_API_PATHS.contains(path))) {
            return;
        }
        String bearer = Authenticator.bearer(ctx.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (deferred(resource)) {
            current.defer(new CurrentCaller.Deferred(bearer, scim));
        } else {
            authenticator.authenticate(bearer, scim);
        }
    }

    private static boolean deferred(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(AuthenticatedInMethod.class)
                        || resource.getResourceClass().isAnnotationPresent(AuthenticatedInMethod.class));
    }

    private static String normalise(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
