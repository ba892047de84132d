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
import io.scimserver.scim.query.ListQuery;
import io.scimserver.scim.query.ResourceQuery;
import io.scimserver.scim.query.SearchParams;
import io.scimserver.scim.schema.SchemaRegistry;
import io.scimserver.scim.shape.Projection;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /scim/v2/Users} (RFC 7644 §3): create, read, list and search, replace, patch, delete. */
@Path("/scim/v2/Users")
@Produces(ScimMedia.SCIM_JSON)
@Consumes({ ScimMedia.SCIM_JSON, MediaType.APPLICATION_JSON })
public class UsersResource {

    private final ScimUsers users;
    private final Memberships memberships;
    private final SchemaRegistry schemas;
    private final ScimConfig config;
    private final CurrentCaller caller;

    public UsersResource(ScimUsers users, Memberships memberships, SchemaRegistry schemas, ScimConfig config,
            CurrentCaller caller) {
        this.users = users;
        this.memberships = memberships;
        this.schemas = schemas;
        this.config = config;
        this.caller = caller;
    }

    @Transactional
    @POST
    public Response create(JsonNode body, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        User user = users.create(orgId(), body);
        // a new user is in no SCIM group yet (PUBLIC is not one), so there is nothing to read
        ObjectNode json = UserJson.render(user, List.of(), ScimBase.url(uri));
        return Response.created(URI.create(UserJson.location(ScimBase.url(uri), user.id)))
                .header(HttpHeaders.ETAG, ETags.of(user.version)).entity(projection.apply(json)).build();
    }

    @GET
    @Transactional
    public ObjectNode list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        return search(SearchParams.of(filter, startIndex, count, sortBy, sortOrder, config.limits()), projection, uri);
    }

    @POST
    @Path(".search")
    @Transactional
    public ObjectNode search(JsonNode body, @Context UriInfo uri) {
        Projection projection = Projection.parse(SearchParams.list(body, "attributes"),
                SearchParams.list(body, "excludedAttributes"), schemas.user());
        return search(SearchParams.of(body, config.limits()), projection, uri);
    }

    @GET
    @Path("{id}")
    @Transactional
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        User user = users.get(orgId(), id);
        if (ETags.notModified(ifNoneMatch, user.version)) {
            return Response.notModified().header(HttpHeaders.ETAG, ETags.of(user.version)).build();
        }
        return ok(user, projection, uri);
    }

    @Transactional
    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, JsonNode body, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        return ok(users.replace(caller.get(), id, body, ifMatch), projection, uri);
    }

    @Transactional
    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, JsonNode body, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        return ok(users.patch(caller.get(), id, body, ifMatch), projection, uri);
    }

    @Transactional
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        users.delete(caller.get(), id, ifMatch);
        return Response.noContent().build();
    }

    private ObjectNode search(ListQuery query, Projection projection, UriInfo uri) {
        ResourceQuery.Page<User> page = ResourceQuery.run(User.class, ScimTable.USERS, "users", null, schemas.user(),
                orgId(), query);
        Map<UUID, List<Memberships.GroupOfUser>> groups = projection.includes("groups")
                ? memberships.groupsOf(page.items().stream().map(u -> u.id).toList())
                : Map.of();
        String base = ScimBase.url(uri);
        List<ObjectNode> resources = page.items().stream()
                .map(u -> projection.apply(UserJson.render(u, groups.getOrDefault(u.id, List.of()), base)))
                .toList();
        return ListResponses.of(page.total(), query.startIndex(), resources);
    }

    private Response ok(User user, Projection projection, UriInfo uri) {
        return Response.ok(projection.apply(render(user, projection, uri))).header(HttpHeaders.ETAG, ETags.of(user.version)).build();
    }

    private ObjectNode render(User user, Projection projection, UriInfo uri) {
        List<Memberships.GroupOfUser> groups = projection.includes("groups")
                ? memberships.groupsOf(List.of(user.id)).getOrDefault(user.id, List.of())
                : null;
        return UserJson.render(user, groups, ScimBase.url(uri));
    }

    private Projection projection(String attributes, String excluded) {
        return Projection.parse(attributes, excluded, schemas.user());
    }

    private UUID orgId() {
        return caller.get().orgId();
    }
}
