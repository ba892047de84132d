package io.scimserver.protection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimserver.scim.protocol.EndpointNames;
import io.scimserver.scim.protocol.ErrorResponse;
import io.scimserver.scim.protocol.ScimMedia;
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.web.ApiError;
import io.vertx.ext.web.RoutingContext;

/**
 * Error answers given by Vert.x route handlers before a request reaches Quarkus REST (and so {@code ErrorMapper}):
 * the same bodies, a SCIM Error under {@code /scim}, {@link ApiError} elsewhere, and the connection closed.
 */
final class EarlyResponses {

    private EarlyResponses() {
    }

    static void refuse(RoutingContext ctx, ObjectMapper json, int status, String detail) {
        refuse(ctx, json, status, null, detail);
    }

    static void refuse(RoutingContext ctx, ObjectMapper json, int status, ScimType type, String detail) {
        boolean scim = EndpointNames.isScim(ctx.request().path());
        String body;
        try {
            body = json.writeValueAsString(scim ? ErrorResponse.of(status, type, detail) : new ApiError(status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", scim ? ScimMedia.SCIM_JSON_UTF8 : "application/json")
                .putHeader("Connection", "close")
                .end(body);
    }
}
