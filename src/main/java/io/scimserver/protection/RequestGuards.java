package io.scimserver.protection;

import io.scimserver.auth.CurrentCaller;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs after authentication on every authenticated request: the rate limits of the caller's organisation and of the
 * object addressed, and the bound on {@code attributes}/{@code excludedAttributes}, before any resource method (so
 * before any transaction) starts.
 */
public class RequestGuards {

    /**
     * {@code /scim/v2/Users/{id}} or {@code /scim/v2/Groups/{id}}, and the admin API's and the console's {@code
     * /users/{id}}, {@code /roles/{id}}, ...
     */
    private static final Pattern OBJECT = Pattern.compile(
            "^/(?:scim/v2/(?:Users|Groups)|api/v1/(?:users|roles)|console/(?:users|roles))/([^/]+)");

    private final CurrentCaller caller;
    private final RateLimits limits;
    private final ScimConfig config;

    public RequestGuards(CurrentCaller caller, RateLimits limits, ScimConfig config) {
        this.caller = caller;
        this.limits = limits;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void guard(ContainerRequestContext ctx, RoutingContext rc) {
        var who = caller.find();
        if (who.isEmpty()) {
            return;
        }
        String path = ctx.getUriInfo().getPath();
        Matcher m = OBJECT.matcher(path);
        String object = m.find() && !m.group(1).startsWith(".") ? m.group(1) : null;
        limits.check(who.get().orgId(), object);
        // the routing context's parameters, decoded once per request for the endpoints' @QueryParam too (UriInfo's
        // getQueryParameters() decodes a map of its own on every call)
        checkAttributeCount(rc.queryParam("attributes"), rc.queryParam("excludedAttributes"));
    }

    private void checkAttributeCount(List<String> attributes, List<String> excluded) {
        int n = count(attributes) + count(excluded);
        int max = config.limits().maxAttributes();
        if (n > max) {
            throw ScimException.invalidValue("a request may name at most " + max
                    + " attributes in attributes and excludedAttributes, this one names " + n);
        }
    }

    private static int count(List<String> values) {
        if (values == null) {
            return 0;
        }
        int n = 0;
        for (String v : values) {
            n += v.split(",", -1).length;
        }
        return n;
    }
}
