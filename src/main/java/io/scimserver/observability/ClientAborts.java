package io.scimserver.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A client that went away before its response was written: one INFO line (with the request id), the counter
 * {@code scim_client_aborts_total}, and status 499 in the access line. Never a server error: nothing failed on our
 * side, and a 500 would page the operator for a client's network.
 */
@ApplicationScoped
public class ClientAborts {

    private static final Logger LOG = Logger.getLogger(ClientAborts.class);
    /** Routing-context key marking an aborted request; the access line reads it. */
    static final String ABORTED = "scim.aborted";
    /** The status the access line gives an aborted request (nginx's "client closed request"). */
    public static final int STATUS = 499;

    private final Counter counter;

    public ClientAborts(MeterRegistry registry) {
        this.counter = Counter.builder("scim.client.aborts")
                .description("Requests whose client disconnected before the response was written").register(registry);
    }

    /** Records that the client of {@code ctx} disconnected; idempotent per request. */
    public void aborted(RoutingContext ctx, String why) {
        if (ctx.get(ABORTED) != null) {
            return;
        }
        ctx.put(ABORTED, Boolean.TRUE);
        counter.increment();
        LOG.infof("client abort: %s %s: %s", ctx.request().method().name(), AccessLog.path(ctx), why);
    }

    static boolean isAborted(RoutingContext ctx) {
        return ctx.get(ABORTED) != null;
    }
}
