package io.scimserver.protection;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.scimserver.auth.Authenticated;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs as soon as a request's caller is {@link Authenticated}, before the request does any work of its own: the rate
 * limits of the caller's organisation and of the object addressed, and the bound on
 * {@code attributes}/{@code excludedAttributes}.
 */
@ApplicationScoped
public class RequestGuards {

    /** {@code /scim/v2/Users/{id}} or {@code /scim/v2/Groups/{id}}, and the admin API's {@code /users/{id}}, ... */
    private static final Pattern OBJECT = Pattern.compile("^/(?:scim/v2/(?:Users|Groups)|api/v1/(?:users|roles))/([^/]+)");

    private final CurrentVertxRequest request;
    private final RateLimits limits;
    private final ScimConfig config;

    public RequestGuards(CurrentVertxRequest request, RateLimits limits, ScimConfig config) {
        this.request = request;
        this.limits = limits;
        this.config = config;
    }

    void guard(@Observes @Priority(10) Authenticated event) {
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            return;
        }
        Matcher m = OBJECT.matcher(rc.normalizedPath());
        String object = m.find() && !m.group(1).startsWith(".") ? m.group(1) : null;
        limits.check(event.caller().orgId(), object);
        checkAttributeCount(rc);
    }

    private void checkAttributeCount(RoutingContext rc) {
        int n = count(rc.queryParam("attributes")) + count(rc.queryParam("excludedAttributes"));
        int max = config.limits().maxAttributes();
        if (n > max) {
            throw ScimException.invalidValue("a request may name at most " + max
                    + " attributes in attributes and excludedAttributes, this one names " + n);
        }
    }

    private static int count(List<String> values) {
        int n = 0;
        for (String v : values) {
            n += v.split(",", -1).length;
        }
        return n;
    }
}
