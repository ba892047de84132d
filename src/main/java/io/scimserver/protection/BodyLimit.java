package io.scimserver.protection;

import io.quarkus.runtime.configuration.MemorySize;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with 413 and an
 * error body ({@code application/scim+json} under {@code /scim}), before the body is read. Vert.x would otherwise
 * answer a bare 413 from its own handler (route order -2); this one runs just before it. Chunked bodies that grow
 * past the limit are cut by Quarkus while RESTEasy reads them and reach {@code ErrorMapper} as a 413.
 */
@Singleton
public class BodyLimit {

    private final long maxBodySize;
    private final ObjectMapper json;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max,
            ObjectMapper json) {
        this.maxBodySize = max.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long n;
        try {
            n = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n <= maxBodySize) {
            ctx.next();
            return;
        }
        String detail = "the request body has " + n + " bytes; at most " + maxBodySize + " are accepted";
        EarlyResponses.refuse(ctx, json, 413, detail);
    }
}
