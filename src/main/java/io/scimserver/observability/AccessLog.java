package io.scimserver.observability;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.scimserver.config.ScimConfig;
import io.vertx.core.Context;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The first handler of every HTTP request: gives it a request id (header {@code X-Request-Id} both ways, log
 * context {@code requestId}) and, when {@code scim.http.access-log} is on, logs one line when the response ends:
 * method, path template (ids never appear: {@code /scim/v2/Users/{id}}), status, duration and organisation. Headers,
 * tokens, query strings and bodies are never logged.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("io.scimserver.access");

    /** Routing-context key of the organisation of the authenticated caller, set by {@link CallerContext}. */
    static final String ORG_ID = "scim.orgId";
    private static final String PATH_TEMPLATE = "UrlPathTemplate";
    private static final Pattern ID_SEGMENT = Pattern.compile(
            "/(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[^/]{33,})(?=/|$)");

    void register(@Observes Filters filters, ScimConfig config) {
        boolean log = config.http().accessLog();
        filters.register(rc -> handle(rc, log), 10_000);
    }

    private static void handle(RoutingContext rc, boolean log) {
        long start = System.nanoTime();
        String id = RequestIds.accept(rc.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, id);
        rc.response().putHeader(RequestIds.HEADER, id);
        if (log && LOG.isInfoEnabled()) {
            rc.addEndHandler(ignored -> access(rc, id, start));
        }
        rc.next();
    }

    private static void access(RoutingContext rc, String id, long start) {
        long micros = (System.nanoTime() - start) / 1_000;
        Object org = rc.get(ORG_ID);
        int status = ClientAborts.isAborted(rc) || !rc.response().ended() ? ClientAborts.STATUS
                : rc.response().getStatusCode();
        MDC.put(RequestIds.MDC_KEY, id);
        MDC.put("status", Integer.toString(status));
        MDC.put("durationMs", Long.toString(micros / 1000));
        if (org != null) {
            MDC.put("orgId", org.toString());
        }
        try {
            LOG.info(line(rc.request().method().name(), path(rc), status, micros, org, id));
        } finally {
            MDC.remove("status");
            MDC.remove("durationMs");
        }
    }

    /**
     * {@code GET /scim/v2/Users 200 1.234ms org=<id> id=<request id>}, built by hand: {@code infof}'s
     * {@link java.util.Formatter} parses its pattern on every call, and was a tenth of a lookup's CPU (BENCHMARKS.md).
     */
    static String line(String method, String path, int status, long micros, Object org, String id) {
        long fraction = micros % 1000;
        StringBuilder b = new StringBuilder(128).append(method).append(' ').append(path).append(' ').append(status)
                .append(' ').append(micros / 1000).append('.');
        if (fraction < 100) {
            b.append(fraction < 10 ? "00" : "0");
        }
        return b.append(fraction).append("ms org=").append(org == null ? "-" : org).append(" id=").append(id)
                .toString();
    }

    /** The matched path template, or the path with anything that looks like an id replaced by {id}. */
    static String path(RoutingContext rc) {
        if (rc.request() instanceof HttpServerRequestInternal internal) {
            Context ctx = internal.context();
            Object template = ctx == null ? null : ctx.getLocal(PATH_TEMPLATE);
            if (template != null) {
                return template.toString();
            }
        }
        return maskIds(rc.normalizedPath());
    }

    static String maskIds(String path) {
        return path == null ? "-" : ID_SEGMENT.matcher(path).replaceAll("/{id}");
    }
}
