package io.scimserver.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.discovery.ScimBase;
import io.scimserver.scim.filter.sql.ScimTable;
import io.scimserver.scim.protocol.ETags;
import io.scimserver.scim.protocol.ListResponses;
import io.scimserver.scim.protocol.ScimMedia;
import io.scimserver.scim.protocol.ScimResponses;
import io.scimserver.scim.query.ListParams;
import io.scimserver.scim.query.ListQuery;
import io.scimserver.scim.query.ResourceQuery;
import io.scimserver.scim.query.SearchParams;
import io.scimserver.scim.schema.SchemaRegistry;
import io.scimserver.scim.shape.Projection;
import io.scimserver.scim.shape.ShapeParams;
import io.scimserver.web.openapi.EntraExamples;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /scim/v2/Groups} (RFC 7644 §3). Members are read only when the response includes them:
 * {@code excludedAttributes=members} never touches the memberships table.
 */
@Tag(name = "SCIM Groups", description = "RFC 7644 /Groups; each group is a role of the organisation")
@Path("/scim/v2/Groups")
@Produces(ScimMedia.SCIM_JSON)
@Consumes({ ScimMedia.SCIM_JSON, MediaType.APPLICATION_JSON })
public class GroupsResource {

    private static final String SOURCE_SCOPE = "r.source = 'PROVISIONED'";

    private final ScimGroups groups;
    private final Memberships memberships;
    private final SchemaRegistry schemas;
    private final ScimConfig config;
    private final CurrentCaller caller;
    private final ResourceQuery pages;

    public GroupsResource(ScimGroups groups, Memberships memberships, SchemaRegistry schemas, ScimConfig config,
            CurrentCaller caller, ResourceQuery pages) {
        this.groups = groups;
        this.memberships = memberships;
        this.schemas = schemas;
        this.config = config;
        this.caller = caller;
        this.pages = pages;
    }

    @Operation(summary = "Create a group", description = "Created empty by Entra; displayName is unique")
    @RequestBody(content = @Content(mediaType = ScimMedia.SCIM_JSON, examples = {
            @ExampleObject(name = "entra", summary = "Entra create body", value = EntraExamples.CREATE_GROUP) }))
    @POST
    @Transactional
    public Response create(JsonNode body, @BeanParam ShapeParams shape, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.group());
        Role role = groups.create(orgId(), body);
        return ScimResponses.created(GroupJson.location(ScimBase.url(uri), role.id), role.version,
                render(role, projection, uri));
    }

    @Operation(summary = "List or filter groups",
            description = "Entra sends excludedAttributes=members with a displayName filter. cursor (RFC 9865), empty"
                    + " for the first page, pages by cursor instead of startIndex")
    @GET
    public ObjectNode list(@BeanParam ListParams params, @Context UriInfo uri) {
        return search(params.query(config.limits()), params.projection(schemas.group()), uri);
    }

    @Operation(summary = "Search groups with a SearchRequest body")
    @POST
    @Path(".search")
    public ObjectNode search(JsonNode body, @Context UriInfo uri) {
        return search(SearchParams.of(body, config.limits()), SearchParams.projection(body, schemas.group()), uri);
    }

    @Operation(summary = "Read a group")
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @BeanParam ShapeParams shape,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.group());
        Role role = groups.get(orgId(), id);
        if (ETags.notModified(ifNoneMatch, role.version)) {
            return ScimResponses.notModified(role.version);
        }
        return ScimResponses.ok(role.version, render(role, projection, uri));
    }

    @Operation(summary = "Replace a group and its whole membership")
    @PUT
    @Path("{id}")
    @Transactional
    public Response replace(@PathParam("id") String id, JsonNode body, @BeanParam ShapeParams shape,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.group());
        Role role = groups.replace(orgId(), id, body, ifMatch);
        return ScimResponses.ok(role.version, render(role, projection, uri));
    }

    /** 204 as Entra expects, unless the client asks for attributes (RFC 7644 §3.5.2): then 200 with them. */
    @Operation(summary = "Patch a group: members and displayName", description = "204 unless attributes are asked for")
    @RequestBody(content = @Content(mediaType = ScimMedia.SCIM_JSON, examples = {
            @ExampleObject(name = "add-members", summary = "Add members", value = EntraExamples.ADD_MEMBERS),
            @ExampleObject(name = "remove-legacy", summary = "Remove a member without the flag",
                    value = EntraExamples.REMOVE_MEMBER_LEGACY),
            @ExampleObject(name = "remove-flagged", summary = "Remove a member with ?aadOptscim062020",
                    value = EntraExamples.REMOVE_MEMBER_FLAGGED),
            @ExampleObject(name = "rename", summary = "Rename", value = EntraExamples.RENAME_GROUP) }))
    @PATCH
    @Path("{id}")
    @Transactional
    public Response patch(@PathParam("id") String id, JsonNode body, @BeanParam ShapeParams shape,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.group());
        Role role = groups.patch(orgId(), id, body, ifMatch);
        if (!shape.asksForAttributes()) {
            return ScimResponses.noContent(role.version);
        }
        return ScimResponses.ok(role.version, render(role, projection, uri));
    }

    @Operation(summary = "Delete a group (and its role)")
    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        groups.delete(orgId(), id, ifMatch);
        return Response.noContent().build();
    }

    private ObjectNode search(ListQuery query, Projection projection, UriInfo uri) {
        ResourceQuery.Page page = pages.run(ScimTable.GROUPS, "roles", SOURCE_SCOPE, schemas.group(), orgId(), query,
                null);
        Map<UUID, List<Memberships.Member>> members = projection.includes("members")
                ? memberships.membersOf(page.items().stream().map(ResourceQuery.Row::id).toList(),
                        config.limits().maxListMembers())
                : null;
        List<ObjectNode> resources = page.items().stream().map(r -> projection.apply(GroupJson.render(r,
                members == null ? null : members.getOrDefault(r.id(), List.of()), ScimBase.url(uri)))).toList();
        return ListResponses.of(page.total(), page.startIndex(), page.nextCursor(), page.previousCursor(), resources);
    }

    /** The group shaped for the response; its members are read only when the response includes them. */
    private ObjectNode render(Role role, Projection projection, UriInfo uri) {
        List<Memberships.Member> members = projection.includes("members") ? memberships.membersOf(role.id) : null;
        return projection.apply(GroupJson.render(role, members, ScimBase.url(uri)));
    }

    private UUID orgId() {
        return caller.get().orgId();
    }
}
