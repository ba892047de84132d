package io.scimserver.protection;

import io.quarkus.runtime.configuration.MemorySize;
import io.scimserver.config.ScimConfig;
import io.scimserver.observability.ClientAborts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Receives every request body completely on the event loop before the request is dispatched, so a resource method
 * (on a worker thread) never waits on the network: Quarkus REST hands it the buffered body, and a client sending 2
 * bytes a second holds a connection, not a worker. A body not complete within {@code scim.http.body-timeout} of the
 * request's start is answered 408 and the connection closed. A client that disconnects before its body is complete
 * is recorded as a client abort ({@link ClientAborts}), not as a server error.
 * <p>
 * Bodies are received before authentication (that runs on a worker, after dispatch), so the memory they may hold at
 * once is bounded: each body in flight reserves its {@code Content-Length} (the body limit when chunked) from a budget
 * of {@link #BUDGET_BODIES} largest bodies; a request that finds the budget spent is answered 503 with
 * {@code Retry-After} at once, before anything is received, and a few hundred slow anonymous uploads cannot exhaust
 * the heap.
 */
@Singleton
public class BodyBuffer {

    private static final String TIMER = "scim.bodyTimer";
    /** How many largest bodies may be in flight at once (64 MiB at the default 2M limit). */
    static final int BUDGET_BODIES = 32;

    private final AtomicLong budget;

    private final BodyHandler bodies;
    private final long timeoutMillis;
    private final long maxBodySize;
    private final ObjectMapper json;
    private final ClientAborts aborts;

    public BodyBuffer(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max,
            ScimConfig config, ObjectMapper json, ClientAborts aborts) {
        this.maxBodySize = max.asLongValue();
        this.budget = new AtomicLong(BUDGET_BODIES * maxBodySize);
        this.bodies = BodyHandler.create(false).setBodyLimit(maxBodySize).setDeleteUploadedFilesOnEnd(true);
        this.timeoutMillis = config.http().bodyTimeout().toMillis();
        this.json = json;
        this.aborts = aborts;
    }

    void install(@Observes Router router) {
        router.route().order(-2).handler(this::buffer).failureHandler(this::failed);
        router.route().order(-1).handler(this::received);
    }

    private void buffer(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || ctx.request().isEnded()) {
            ctx.next(); // nothing (more) to receive: Vert.x's BodyHandler would wait forever on an ended request
            return;
        }
        long reserved = reservation(ctx);
        if (budget.addAndGet(-reserved) < 0) {
            budget.addAndGet(reserved);
            ctx.response().putHeader("Retry-After", "5");
            EarlyResponses.refuse(ctx, json, 503, "too many request bodies are being received at once; try again");
            return;
        }
        ctx.addEndHandler(done -> budget.addAndGet(reserved));
        ctx.put(TIMER, ctx.vertx().setTimer(timeoutMillis, id -> tooSlow(ctx)));
        bodies.handle(ctx);
    }

    /** What a body may take: its announced length, or the body limit when it is chunked (the limit stops it there). */
    private long reservation(RoutingContext ctx) {
        try {
            String length = ctx.request().getHeader("Content-Length");
            return length == null ? maxBodySize : Math.min(Math.max(Long.parseLong(length), 0), maxBodySize);
        } catch (NumberFormatException e) {
            return maxBodySize;
        }
    }

    private void received(RoutingContext ctx) {
        cancelTimer(ctx);
        if (ctx.getBody() == null && ctx.request().isEnded()) {
            ctx.setBody(Buffer.buffer()); // an empty body: Quarkus REST must not wait for one on the network
        }
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.next();
        }
    }

    /** Vert.x's BodyHandler fails a chunked body that grows past the limit with 413: answer it like {@link BodyLimit}. */
    private void failed(RoutingContext ctx) {
        cancelTimer(ctx);
        if (ctx.response().ended()) {
            return; // answered already (408): the connection closing under the body handler is expected
        }
        if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
            aborts.aborted(ctx, "the client closed the connection before its request body was complete");
        } else if (ctx.statusCode() == 413) {
            EarlyResponses.refuse(ctx, json, 413, "the request body is larger than the " + maxBodySize
                    + " bytes accepted");
        } else {
            ctx.next();
        }
    }

    private void cancelTimer(RoutingContext ctx) {
        Long timer = ctx.remove(TIMER);
        if (timer != null) {
            ctx.vertx().cancelTimer(timer);
        }
    }

    private void tooSlow(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.remove(TIMER);
        String detail = "the request body did not arrive within " + timeoutMillis / 1000 + " s; send it at once";
        EarlyResponses.refuse(ctx, json, 408, detail);
        ctx.request().connection().close();
    }
}
