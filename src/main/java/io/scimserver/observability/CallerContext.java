package io.scimserver.observability;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.scimserver.auth.Authenticated;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Once a request's caller is {@link Authenticated}, puts its organisation in the log context ({@code orgId}) and hands
 * it to the access line; on the way out counts 429 refusals by area.
 */
public class CallerContext {

    private final CurrentVertxRequest vertxRequest;
    private final ScimMetrics metrics;

    public CallerContext(CurrentVertxRequest vertxRequest, ScimMetrics metrics) {
        this.vertxRequest = vertxRequest;
        this.metrics = metrics;
    }

    /** First of the observers, so that a refusal by the rate limits is logged with its organisation. */
    void afterAuthentication(@Observes @Priority(1) Authenticated event) {
        String orgId = event.caller().orgId().toString();
        MDC.put("orgId", orgId);
        RoutingContext rc = vertxRequest.getCurrent();
        if (rc != null) {
            rc.put(AccessLog.ORG_ID, orgId);
        }
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
