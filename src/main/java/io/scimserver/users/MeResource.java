package io.scimserver.users;

import io.scimserver.auth.CurrentCaller;
import io.scimserver.scim.discovery.ScimBase;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimMedia;
import io.scimserver.scim.shape.ShapeParams;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /scim/v2/Me} (RFC 7644 §3.11): the User of whoever calls, with a personal access token or a session token,
 * admin or not ({@code BearerAuthFilter.SELF_SERVICE_PATHS}). GET is {@code GET /Users/{caller's id}}: the same
 * representation, {@code attributes}/{@code excludedAttributes}, ETag and {@code meta.location} pointing at
 * {@code /Users/{id}}, which {@code Content-Location} names too.
 *
 * <p>Nothing else: a user's attributes belong to the identity provider that provisions them, and the product lets
 * a user change none of them itself (its password included: an admin sets it). So PUT, PATCH and POST answer
 * {@code 501} and DELETE {@code 403}, each saying what to do instead.
 */
@Tag(name = "SCIM Me", description = "RFC 7644 /Me: the caller's own User")
@Path("/scim/v2/Me")
@Produces(ScimMedia.SCIM_JSON)
@Consumes({ ScimMedia.SCIM_JSON, MediaType.APPLICATION_JSON })
public class MeResource {

    private static final String READ_ONLY = "users cannot change their own User through SCIM in this service: its"
            + " attributes come from the identity provider that provisions it, and an admin changes them with"
            + " PUT or PATCH /scim/v2/Users/{id}. GET /scim/v2/Me reads it";

    private final UsersResource users;
    private final CurrentCaller caller;

    public MeResource(UsersResource users, CurrentCaller caller) {
        this.users = users;
        this.caller = caller;
    }

    @Operation(summary = "Read the caller's own user", description = "Any authenticated user; as GET /Users/{id}")
    @GET
    public Response get(@BeanParam ShapeParams shape, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uri) {
        String id = caller.get().userId().toString();
        Response response = users.get(id, shape, ifNoneMatch, uri);
        return Response.fromResponse(response)
                .header("Content-Location", UserJson.location(ScimBase.url(uri), caller.get().userId()))
                .build();
    }

    @Operation(summary = "Not supported: 501", description = READ_ONLY)
    @PUT
    public Response replace() {
        throw notImplemented("PUT");
    }

    @Operation(summary = "Not supported: 501", description = READ_ONLY)
    @PATCH
    public Response patch() {
        throw notImplemented("PATCH");
    }

    @Operation(summary = "Not supported: 501", description = "users are created by provisioning (POST /Users)")
    @POST
    public Response create() {
        throw new ScimException(501, null, "POST /scim/v2/Me is not supported: users are created by the identity"
                + " provider with POST /scim/v2/Users, and a caller of /Me already has a User (GET /scim/v2/Me)");
    }

    @Operation(summary = "Refused: 403", description = "users do not delete their own account")
    @DELETE
    public Response delete() {
        throw ScimException.forbidden("DELETE /scim/v2/Me is refused: users do not delete their own account. The identity"
                + " provider deprovisions users with DELETE /scim/v2/Users/{id}, and an admin deletes an account with"
                + " DELETE /api/v1/users/{id}");
    }

    private static ScimException notImplemented(String method) {
        return new ScimException(501, null, method + " /scim/v2/Me is not supported: " + READ_ONLY);
    }
}
