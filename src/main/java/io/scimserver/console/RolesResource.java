package io.scimserver.console;

import io.scimserver.admin.AdminRoles;
import io.scimserver.auth.Caller;
import io.scimserver.auth.ConsoleCookie;
import io.scimserver.auth.CurrentCaller;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The roles of the organisation with their member counts and source, and a page per role with its members. Local
 * roles are made, emptied and deleted here through {@link AdminRoles}; SCIM groups are read-only, with the reason.
 */
@Path("/console/roles")
@Produces(MediaType.TEXT_HTML)
public class RolesResource {

    private static final Map<String, String> DONE = Map.of("created", "The role is created.", "deleted",
            "The role is deleted.", "removed", "The member is removed.");

    private final CurrentCaller caller;
    private final AdminRoles roles;
    private final RoleDirectory directory;
    private final ConsoleActions actions;

    public RolesResource(CurrentCaller caller, AdminRoles roles, RoleDirectory directory, ConsoleActions actions) {
        this.caller = caller;
        this.roles = roles;
        this.directory = directory;
        this.actions = actions;
    }

    public record RoleRow(UUID id, String name, String source, long members, String lock) {
        static RoleRow of(AdminRoles.RoleSummary r) {
            return new RoleRow(r.id(), r.name(), RoleLabels.source(r.source()), r.memberCount(),
                    RoleLabels.lock(r.source(), r.name()));
        }
    }

    @GET
    @Operation(hidden = true)
    public Response list(@CookieParam(ConsoleCookie.NAME) String session, @QueryParam("done") String done) {
        return listPage(200, session, (done == null ? null : DONE.get(done)), false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @FormParam("name") String name, @Context UriInfo uri) {
        UUID orgId = caller.get().orgId();
        return actions.submit(session, csrf, "Role", null, "create", uri, () -> roles.create(orgId,
                Forms.text("name", name)), "/console/roles?done=created",
                e -> listPage(e.status(), session, e.detail(), true));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Response role(@CookieParam(ConsoleCookie.NAME) String session, @PathParam("id") UUID id,
            @QueryParam("page") Integer page, @QueryParam("done") String done) {
        return rolePage(200, session, id, page == null ? 1 : page, (done == null ? null : DONE.get(done)), false);
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @Context UriInfo uri) {
        UUID orgId = caller.get().orgId();
        return actions.submit(session, csrf, "Role", id, "delete", uri, () -> roles.delete(orgId, id),
                "/console/roles?done=deleted", e -> rolePage(e.status(), session, id, 1, e.detail(), true));
    }

    @POST
    @Path("/{id}/members/{user}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response remove(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @PathParam("user") UUID user, @Context UriInfo uri) {
        Caller admin = caller.get();
        return actions.submit(session, csrf, "Role", id, "remove-member", uri, () -> roles.removeMember(admin, id,
                user), "/console/roles/" + id + "?done=removed", e -> rolePage(e.status(), session, id, 1, e.detail(),
                        true));
    }

    private Response listPage(int status, String session, String message, boolean error) {
        return Forms.page(status, new Pages.roles(new Frame("roles", Csrf.of(session)),
                roles.list(caller.get().orgId()).stream().map(RoleRow::of).toList(), message, error));
    }

    private Response rolePage(int status, String session, UUID id, int page, String message, boolean error) {
        UUID orgId = caller.get().orgId();
        return directory.find(orgId, id)
                .map(role -> Forms.page(status, new Pages.role(new Frame("roles", Csrf.of(session)), role,
                        directory.members(orgId, id, page), message, error)))
                .orElseGet(() -> Forms.page(404, new Pages.refused("This organisation has no role " + id + ".")));
    }
}
