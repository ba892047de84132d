package io.scimserver.observability;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.scimserver.auth.CurrentCaller;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Once {@code BearerAuthFilter} has authenticated a request, puts its organisation in the log context ({@code orgId})
 * and hands it to the access line; on the way out counts 429 refusals by area.
 */
@Singleton
public class CallerContext {

    private final CurrentCaller caller;
    private final CurrentVertxRequest vertxRequest;
    private final ScimMetrics metrics;

    public CallerContext(CurrentCaller caller, CurrentVertxRequest vertxRequest, ScimMetrics metrics) {
        this.caller = caller;
        this.vertxRequest = vertxRequest;
        this.metrics = metrics;
    }

    @ServerRequestFilter(priority = Priorities.USER + 10)
    public void afterAuthentication() {
        caller.find().ifPresent(c -> {
            MDC.put("orgId", c.orgId().toString());
            RoutingContext rc = vertxRequest.getCurrent();
            if (rc != null) {
                rc.put(AccessLog.ORG_ID, c.orgId().toString());
            }
        });
    }

    @ServerResponseFilter
    public void countRefusals(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 429) {
            metrics.rateLimited(area(request.getUriInfo().getPath()));
        }
    }

    static String area(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (p.startsWith("/scim/")) {
            return "scim";
        }
        return p.startsWith("/api/v1/login") ? "login" : "api";
    }
}
