package io.scimserver.audit;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.config.ScimConfig;
import io.vertx.core.Context;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records refused writes next to the successful ones, so the trail can be read beside Entra's provisioning log: a
 * SCIM or admin write (POST, PUT, PATCH, DELETE) by an authenticated caller that ends in 4xx or 5xx leaves a row with
 * outcome {@code failure} (or {@code throttled} for 429), its status, the SCIM {@code scimType} and the error's
 * detail ({@link FailedOperations} writes it, in a transaction of its own: the change itself was rolled back). A bulk
 * request refused as a whole is one such row; its operations refused one by one have a row each, written by the bulk
 * endpoint. Unauthenticated requests (401) are not recorded: nobody to attribute them to, and a flood of them must
 * not fill the table. Logins record their own rows. Off with {@code scim.audit.record-failures=false}.
 */
public class FailedWrites {

    private static final Logger LOG = Logger.getLogger(FailedWrites.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** What the success rows call each write endpoint, by method and path template. */
    private static final Map<String, String[]> OPERATIONS = Map.ofEntries(
            Map.entry("POST /scim/v2/Users", new String[] { "User", "create" }),
            Map.entry("PUT /scim/v2/Users/{id}", new String[] { "User", "replace" }),
            Map.entry("PATCH /scim/v2/Users/{id}", new String[] { "User", "patch" }),
            Map.entry("DELETE /scim/v2/Users/{id}", new String[] { "User", "delete" }),
            Map.entry("POST /scim/v2/Groups", new String[] { "Group", "create" }),
            Map.entry("PUT /scim/v2/Groups/{id}", new String[] { "Group", "replace" }),
            Map.entry("PATCH /scim/v2/Groups/{id}", new String[] { "Group", "patch" }),
            Map.entry("DELETE /scim/v2/Groups/{id}", new String[] { "Group", "delete" }),
            Map.entry("POST /scim/v2/Bulk", new String[] { "Bulk", "bulk" }),
            Map.entry("PUT /api/v1/users/{id}/password", new String[] { "User", "set-password" }),
            Map.entry("DELETE /api/v1/users/{id}", new String[] { "User", "delete" }),
            Map.entry("DELETE /api/v1/users/{id}/tokens/{tokenId}", new String[] { "Token", "revoke" }),
            Map.entry("POST /api/v1/roles", new String[] { "Role", "create" }),
            Map.entry("DELETE /api/v1/roles/{id}", new String[] { "Role", "delete" }),
            Map.entry("PUT /api/v1/roles/{id}/members/{userId}", new String[] { "Role", "add-member" }),
            Map.entry("DELETE /api/v1/roles/{id}/members/{userId}", new String[] { "Role", "remove-member" }),
            Map.entry("POST /api/v1/tokens", new String[] { "Token", "issue" }),
            Map.entry("DELETE /api/v1/tokens/{id}", new String[] { "Token", "revoke" }),
            Map.entry("PUT /api/v1/sso", new String[] { "SsoProvider", "set" }));

    private final FailedOperations failures;
    private final CurrentCaller caller;
    private final CurrentVertxRequest vertxRequest;
    private final boolean enabled;

    public FailedWrites(FailedOperations failures, CurrentCaller caller, CurrentVertxRequest vertxRequest,
            ScimConfig config) {
        this.failures = failures;
        this.caller = caller;
        this.vertxRequest = vertxRequest;
        this.enabled = config.audit().recordFailures();
    }

    @ServerResponseFilter
    public void recordFailure(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (!enabled || status < 400 || status == 401 || !WRITES.contains(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/scim/v2/") && !path.startsWith("/api/v1/") || path.startsWith("/api/v1/login")
                || path.endsWith("/.search")) {
            return;
        }
        var current = caller.find();
        if (current.isEmpty()) {
            return;
        }
        if (Context.isOnEventLoopThread()) {
            LOG.debugf("failed write %s %s not audited: on the event loop", request.getMethod(), path);
            return;
        }
        String template = template(path);
        String[] op = OPERATIONS.getOrDefault(request.getMethod() + " " + template,
                new String[] { "Request", request.getMethod().toLowerCase(Locale.ROOT) });
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        failures.record(op[0], id, op[1], status, request.getMethod() + " " + template, response.getEntity(), Map.of());
    }

    private String template(String path) {
        RoutingContext rc = vertxRequest.getCurrent();
        if (rc != null && rc.request() instanceof HttpServerRequestInternal internal && internal.context() != null) {
            Object t = internal.context().getLocal("UrlPathTemplate");
            if (t != null) {
                return t.toString();
            }
        }
        return path;
    }
}
