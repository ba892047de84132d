package io.scimserver.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.protection.RateLimits;
import io.scimserver.scim.discovery.ScimBase;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimMedia;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /scim/v2/Bulk} (RFC 7644 §3.7): POST, PUT, PATCH and DELETE of users and groups in one request, with
 * {@code bulkId} references between them, {@code failOnErrors}, and {@code version} as each operation's If-Match.
 * Not {@code @Transactional}: each operation commits on its own ({@link BulkExecutor} says why). The body is read by the
 * same strict reader as every body; the limits ({@link BulkLimits}) answer 413, and each operation counts against the
 * organisation's rate limit as one request, all of them before the first runs (429 and nothing done when the budget
 * cannot cover them).
 */
@Tag(name = "SCIM Bulk", description = "RFC 7644 /Bulk: several user and group writes in one request")
@Path("/scim/v2/Bulk")
@Produces(ScimMedia.SCIM_JSON)
@Consumes({ ScimMedia.SCIM_JSON, MediaType.APPLICATION_JSON })
public class BulkResource {

    static final String RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    private final BulkLimits limits;
    private final BulkExecutor executor;
    private final RateLimits rateLimits;
    private final CurrentCaller caller;
    private final CurrentVertxRequest request;

    public BulkResource(BulkLimits limits, BulkExecutor executor, RateLimits rateLimits, CurrentCaller caller,
            CurrentVertxRequest request) {
        this.limits = limits;
        this.executor = executor;
        this.rateLimits = rateLimits;
        this.caller = caller;
        this.request = request;
    }

    @Operation(summary = "Run several user and group writes",
            description = "200 with one result per operation run (method, bulkId, location, version, status, and the"
                    + " SCIM error as response when it failed). Each operation is its own transaction: a failed one"
                    + " undoes nothing that succeeded before it. Operations referring to bulkId:<id> run after the POST"
                    + " that creates it; circular references are 409. 413 over maxOperations or maxPayloadSize")
    @POST
    public ObjectNode bulk(JsonNode body, @Context UriInfo uri) {
        checkPayloadSize();
        BulkRequest bulk = BulkRequest.read(body, limits.maxOperations());
        rateLimits.checkOperations(caller.get().orgId(), bulk.operations().size());
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putArray("schemas").add(RESPONSE_SCHEMA);
        ArrayNode operations = response.putArray("Operations");
        executor.run(bulk, ScimBase.url(uri)).forEach(r -> operations.add(r.toJson()));
        return response;
    }

    /** 413 naming maxPayloadSize (RFC 7644 §3.7.4) for a body over it; the body is buffered whole by then. */
    private void checkPayloadSize() {
        RoutingContext rc = request.getCurrent();
        long size = rc == null || rc.body() == null || rc.body().buffer() == null ? 0 : rc.body().length();
        if (size > limits.maxPayloadSize()) {
            throw new ScimException(413, null, "the size of the bulk request (" + size + " bytes) exceeds maxPayloadSize ("
                    + limits.maxPayloadSize() + " bytes, ServiceProviderConfig bulk.maxPayloadSize): split it into"
                    + " several requests");
        }
    }
}
