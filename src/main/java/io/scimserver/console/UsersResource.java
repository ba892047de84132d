package io.scimserver.console;

import io.scimserver.admin.AdminRoles;
import io.scimserver.admin.AdminUsers;
import io.scimserver.audit.AuditTrail;
import io.scimserver.auth.Caller;
import io.scimserver.auth.ConsoleCookie;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.scim.protocol.ScimException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The users of the organisation: a searchable, paged list and a page per user with its attributes, roles and recent
 * audit rows. Local actions go through the admin API's services ({@link AdminUsers}, {@link AdminRoles}), so the same
 * rules refuse them: SCIM-managed roles are locked, the last active ADMIN stays, nobody removes themself.
 */
@Path("/console/users")
@Produces(MediaType.TEXT_HTML)
public class UsersResource {

    static final int AUDIT_ROWS = 20;

    /** The messages a redirect after a successful action shows, by key (never text taken from the URL). */
    private static final Map<String, String> DONE = Map.of("password", "The password is set; the user's sessions and"
            + " tokens have ended.", "granted", "The role is granted.", "revoked", "The role is revoked.", "deleted",
            "The user is deleted.", "token", "The token is revoked.");

    private final CurrentCaller caller;
    private final UserDirectory directory;
    private final AdminUsers users;
    private final AdminRoles roles;
    private final AuditTrail trail;
    private final ConsoleActions actions;

    public UsersResource(CurrentCaller caller, UserDirectory directory, AdminUsers users, AdminRoles roles,
            AuditTrail trail, ConsoleActions actions) {
        this.caller = caller;
        this.directory = directory;
        this.users = users;
        this.roles = roles;
        this.trail = trail;
        this.actions = actions;
    }

    @GET
    @Operation(hidden = true)
    public Response list(@CookieParam(ConsoleCookie.NAME) String session, @QueryParam("q") String q,
            @QueryParam("state") String state, @QueryParam("page") Integer page, @QueryParam("done") String done) {
        String search = Forms.blankToNull(Forms.text("q", q));
        return Forms.page(new Pages.users(new Frame("users", Csrf.of(session)),
                directory.list(caller.get().orgId(), search, UserState.parse(state), page == null ? 1 : page),
                (done == null ? null : DONE.get(done))));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Response user(@CookieParam(ConsoleCookie.NAME) String session, @PathParam("id") UUID id,
            @QueryParam("done") String done) {
        return page(200, session, id, (done == null ? null : DONE.get(done)), false);
    }

    @POST
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response setPassword(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @FormParam("password") String password, @Context UriInfo uri) {
        Caller admin = caller.get();
        return act(session, csrf, id, "User", id, "set-password", uri, () -> {
            if (password == null || password.isEmpty()) {
                throw ScimException.invalidValue("type the new password");
            }
            users.setPassword(admin.orgId(), id, Forms.text("password", password));
        }, "/console/users/" + id + "?done=password");
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @FormParam("confirm") String confirm, @Context UriInfo uri) {
        Caller admin = caller.get();
        return act(session, csrf, id, "User", id, "delete", uri, () -> {
            if (!"yes".equals(confirm)) {
                throw ScimException.invalidValue("tick the box to confirm the deletion");
            }
            users.delete(admin, id);
        }, "/console/users?done=deleted");
    }

    @POST
    @Path("/{id}/roles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response grant(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @FormParam("role") UUID role, @Context UriInfo uri) {
        Caller admin = caller.get();
        return act(session, csrf, id, "Role", role, "add-member", uri, () -> roles.addMember(admin, required(role), id),
                "/console/users/" + id + "?done=granted");
    }

    @POST
    @Path("/{id}/roles/{role}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response revoke(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @PathParam("role") UUID role, @Context UriInfo uri) {
        Caller admin = caller.get();
        return act(session, csrf, id, "Role", role, "remove-member", uri, () -> roles.removeMember(admin, role, id),
                "/console/users/" + id + "?done=revoked");
    }

    @POST
    @Path("/{id}/tokens/{token}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response revokeToken(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @PathParam("token") UUID token, @Context UriInfo uri) {
        UUID orgId = caller.get().orgId();
        return act(session, csrf, id, "Token", token, "revoke", uri, () -> users.revokeToken(orgId, id, token),
                "/console/users/" + id + "?done=token");
    }

    /** Runs the action; a refusal re-renders the user's page with the reason and the refusal's status. */
    private Response act(String session, String csrf, UUID userId, String type, UUID object, String operation,
            UriInfo uri, Runnable action, String done) {
        return actions.submit(session, csrf, type, object, operation, uri, action, done,
                e -> page(e.status(), session, userId, e.detail(), true));
    }

    private Response page(int status, String session, UUID id, String message, boolean error) {
        UUID orgId = caller.get().orgId();
        Optional<UserDirectory.UserDetail> user = directory.find(orgId, id);
        if (user.isEmpty()) {
            return Forms.page(404, new Pages.refused("This organisation has no user " + id + "."));
        }
        List<AuditRow> audit = trail.read(orgId, new AuditTrail.Query(null, null, null, id.toString(), null, null,
                null, null, AUDIT_ROWS)).items().stream().map(AuditRow::of).toList();
        List<ConnectResource.TokenRow> tokens = users.tokens(orgId, id).stream()
                .map(t -> ConnectResource.TokenRow.of(t, "/console/users/" + id + "/tokens/")).toList();
        return Forms.page(status, new Pages.user(new Frame("users", Csrf.of(session)), user.get(), tokens, audit,
                message, error));
    }

    private static UUID required(UUID role) {
        if (role == null) {
            throw ScimException.invalidValue("choose a role");
        }
        return role;
    }
}
