package io.scimserver.admin;

import io.scimserver.auth.Caller;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.auth.PersonalAccessTokens;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin API of an organisation: its users and roles. Every method needs a token of a member of ADMIN. */
@Tag(name = "Admin", description = "Users and roles of the organisation (ADMIN only)")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final CurrentCaller caller;
    private final AdminUsers users;
    private final AdminRoles roles;
    private final ScimConfig config;

    public AdminResource(CurrentCaller caller, AdminUsers users, AdminRoles roles, ScimConfig config) {
        this.caller = caller;
        this.users = users;
        this.roles = roles;
        this.config = config;
    }

    public record NewPassword(String password) {
    }

    public record NewRole(String name) {
    }

    private Caller admin() {
        return caller.get().requireAdmin();
    }

    @GET
    @Path("/users")
    public List<AdminUsers.UserSummary> users(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") Integer limit) {
        Caller admin = admin();
        int max = config.limits().maxResults();
        int size = limit == null ? config.limits().defaultCount() : Math.min(Math.max(limit, 1), max);
        return users.list(admin.orgId(), Math.max(offset, 0), size);
    }

    @PUT
    @Path("/users/{id}/password")
    public void setPassword(@PathParam("id") UUID id, NewPassword body) {
        Caller admin = admin();
        if (body == null || body.password() == null) {
            throw ScimException.invalidValue("send {\"password\": \"...\"}");
        }
        users.setPassword(admin.orgId(), id, body.password());
    }

    @GET
    @Path("/users/{id}/tokens")
    public List<PersonalAccessTokens.Info> tokens(@PathParam("id") UUID id) {
        return users.tokens(admin().orgId(), id);
    }

    @DELETE
    @Path("/users/{id}/tokens/{tokenId}")
    public void revokeToken(@PathParam("id") UUID id, @PathParam("tokenId") UUID tokenId) {
        users.revokeToken(admin().orgId(), id, tokenId);
    }

    @DELETE
    @Path("/users/{id}")
    public void deleteUser(@PathParam("id") UUID id) {
        users.delete(admin(), id);
    }

    @GET
    @Path("/roles")
    public List<AdminRoles.RoleSummary> roles() {
        return roles.list(admin().orgId());
    }

    @POST
    @Path("/roles")
    public RestResponse<AdminRoles.RoleSummary> createRole(NewRole body) {
        Caller admin = admin();
        AdminRoles.RoleSummary role = roles.create(admin.orgId(), body == null ? null : body.name());
        return RestResponse.ResponseBuilder.<AdminRoles.RoleSummary>created(URI.create("/api/v1/roles/" + role.id()))
                .entity(role).build();
    }

    @DELETE
    @Path("/roles/{id}")
    public void deleteRole(@PathParam("id") UUID id) {
        roles.delete(admin().orgId(), id);
    }

    @PUT
    @Path("/roles/{id}/members/{userId}")
    public void addMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        roles.addMember(admin(), id, userId);
    }

    @DELETE
    @Path("/roles/{id}/members/{userId}")
    public void removeMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        roles.removeMember(admin(), id, userId);
    }
}
