package io.scimserver.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.config.ScimConfig;
import io.scimserver.roles.Memberships;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /scim/v2/Users} (RFC 7644 §3): create, read, list and search, replace, patch, delete. Each write is one
 * transaction. Reads are not {@code @Transactional}: their statements autocommit, which spares the BEGIN and COMMIT
 * round trips of Entra's most frequent request, and a page of users comes with their groups from one statement, so
 * from one snapshot (BENCHMARKS.md). Nor is a create: a new user is one statement, which autocommits (see
 * {@link ScimUsers#create}).
 */
@Tag(name = "SCIM Users", description = "RFC 7644 /Users, as Microsoft Entra ID provisions them")
@Path("/scim/v2/Users")
@Produces(ScimMedia.SCIM_JSON)
@Consumes({ ScimMedia.SCIM_JSON, MediaType.APPLICATION_JSON })
public class UsersResource {

    /** Deprovisioned accounts do not exist for SCIM: no list, filter or count shows them. */
    private static final String PROVISIONED_SCOPE = "u.deprovisioned_at is null";
    private static final String GROUPS_COLUMN = Memberships.groupsColumn(ScimTable.USERS.alias());

    private final ScimUsers users;
    private final SchemaRegistry schemas;
    private final ScimConfig config;
    private final CurrentCaller caller;
    private final ResourceQuery pages;

    public UsersResource(ScimUsers users, SchemaRegistry schemas, ScimConfig config,
            CurrentCaller caller, ResourceQuery pages) {
        this.users = users;
        this.schemas = schemas;
        this.config = config;
        this.caller = caller;
        this.pages = pages;
    }

    @Operation(summary = "Create a user",
            description = "Entra POSTs after a filter on userName found nothing; answers 201 with id, Location and ETag."
                    + " A userName of a deprovisioned (SCIM-deleted) account makes a new user, unless the externalId is"
                    + " that account's: then it is revived with its id, without its password, tokens or roles")
    @RequestBody(content = @Content(mediaType = ScimMedia.SCIM_JSON, examples = {
            @ExampleObject(name = "entra", summary = "Entra create body", value = EntraExamples.CREATE_USER) }))
    @POST
    public Response create(JsonNode body, @BeanParam ShapeParams shape, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.user());
        User user = users.create(orgId(), body);
        String base = ScimBase.url(uri);
        // a new user is in no SCIM group yet (PUBLIC is not one), so there is nothing to read
        return ScimResponses.created(UserJson.location(base, user.id), user.version,
                projection.apply(UserJson.render(user, List.of(), base)));
    }

    @Operation(summary = "List or filter users", description = "filter, startIndex (1-based), count, sortBy, sortOrder,"
            + " attributes, excludedAttributes; a query with no match is 200 with totalResults 0. cursor (RFC 9865),"
            + " empty for the first page, pages by cursor instead of startIndex: the response has nextCursor (and"
            + " previousCursor)")
    @GET
    public ObjectNode list(@BeanParam ListParams params, @Context UriInfo uri) {
        return search(params.query(config.limits()), params.projection(schemas.user()), uri);
    }

    @Operation(summary = "Search users with a SearchRequest body")
    @POST
    @Path(".search")
    public ObjectNode search(JsonNode body, @Context UriInfo uri) {
        return search(SearchParams.of(body, config.limits()), SearchParams.projection(body, schemas.user()), uri);
    }

    @Operation(summary = "Read a user")
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @BeanParam ShapeParams shape,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.user());
        StoredUser user = users.get(orgId(), id);
        if (ETags.notModified(ifNoneMatch, user.user().version)) {
            return ScimResponses.notModified(user.user().version);
        }
        return ok(user, projection, uri);
    }

    @Operation(summary = "Replace a user")
    @Transactional
    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, JsonNode body, @BeanParam ShapeParams shape,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.user());
        return ok(users.replace(caller.get(), id, body, ifMatch), projection, uri);
    }

    @Operation(summary = "Patch a user",
            description = "Every Entra dialect: capitalised ops, path-less folded values (aadOptscim062020), active as a string")
    @RequestBody(content = @Content(mediaType = ScimMedia.SCIM_JSON, examples = {
            @ExampleObject(name = "legacy", summary = "Entra without the flag", value = EntraExamples.PATCH_USER_LEGACY),
            @ExampleObject(name = "flagged", summary = "Entra with ?aadOptscim062020",
                    value = EntraExamples.PATCH_USER_FLAGGED),
            @ExampleObject(name = "disable", summary = "Disable a user", value = EntraExamples.DISABLE_USER) }))
    @Transactional
    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, JsonNode body, @BeanParam ShapeParams shape,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        Projection projection = shape.projection(schemas.user());
        return ok(users.patch(caller.get(), id, body, ifMatch), projection, uri);
    }

    @Operation(summary = "Deprovision a user",
            description = "204; the account is kept, deactivated and out of its groups, and is 404 and absent from lists"
                    + " from then on. Complete deletion is the admin API's DELETE /api/v1/users/{id}")
    @Transactional
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        users.delete(caller.get(), id, ifMatch);
        return Response.noContent().build();
    }

    private ObjectNode search(ListQuery query, Projection projection, UriInfo uri) {
        boolean groups = projection.includes("groups");
        ResourceQuery.Page page = pages.run(ScimTable.USERS, "users", PROVISIONED_SCOPE, schemas.user(), orgId(),
                query, groups ? GROUPS_COLUMN : null);
        String base = ScimBase.url(uri);
        List<ObjectNode> resources = page.items().stream()
                .map(row -> projection.apply(UserJson.render(row,
                        groups ? Memberships.groupsFromColumn(row.id(), row.companion()) : null, base)))
                .toList();
        return ListResponses.of(page.total(), page.startIndex(), page.nextCursor(), page.previousCursor(), resources);
    }

    private static Response ok(StoredUser stored, Projection projection, UriInfo uri) {
        List<Memberships.GroupOfUser> groups = projection.includes("groups") ? stored.groups() : null;
        User user = stored.user();
        return ScimResponses.ok(user.version, projection.apply(UserJson.render(user, groups, ScimBase.url(uri))));
    }

    private UUID orgId() {
        return caller.get().orgId();
    }
}
