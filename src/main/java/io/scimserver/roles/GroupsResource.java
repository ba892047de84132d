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
import java.util.UUID;

/**
 * {@code /scim/v2/Groups} (RFC 7644 §3). Members are read only when the response includes them:
 * {@code excludedAttributes=members} never touches the memberships table.
 */
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

    public GroupsResource(ScimGroups groups, Memberships memberships, SchemaRegistry schemas, ScimConfig config,
            CurrentCaller caller) {
        this.groups = groups;
        this.memberships = memberships;
        this.schemas = schemas;
        this.config = config;
        this.caller = caller;
    }

    @POST
    @Transactional
    public Response create(JsonNode body, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        Role role = groups.create(orgId(), body);
        return Response.created(URI.create(GroupJson.location(ScimBase.url(uri), role.id)))
                .header(HttpHeaders.ETAG, ETags.of(role.version)).entity(projection.apply(render(role, projection, uri))).build();
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
                SearchParams.list(body, "excludedAttributes"), schemas.group());
        return search(SearchParams.of(body, config.limits()), projection, uri);
    }

    @GET
    @Path("{id}")
    @Transactional
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        Role role = groups.get(orgId(), id);
        if (ETags.notModified(ifNoneMatch, role.version)) {
            return Response.notModified().header(HttpHeaders.ETAG, ETags.of(role.version)).build();
        }
        return ok(role, projection, uri);
    }

    @PUT
    @Path("{id}")
    @Transactional
    public Response replace(@PathParam("id") String id, JsonNode body, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        return ok(groups.replace(orgId(), id, body, ifMatch), projection, uri);
    }

    /** 204 as Entra expects, unless the client asks for attributes (RFC 7644 §3.5.2): then 200 with them. */
    @PATCH
    @Path("{id}")
    @Transactional
    public Response patch(@PathParam("id") String id, JsonNode body, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        Projection projection = projection(attributes, excluded);
        Role role = groups.patch(orgId(), id, body, ifMatch);
        if (attributes == null || attributes.isBlank()) {
            return Response.noContent().header(HttpHeaders.ETAG, ETags.of(role.version)).build();
        }
        return ok(role, projection, uri);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        groups.delete(orgId(), id, ifMatch);
        return Response.noContent().build();
    }

    private ObjectNode search(ListQuery query, Projection projection, UriInfo uri) {
        ResourceQuery.Page<Role> page = ResourceQuery.run(Role.class, ScimTable.GROUPS, "roles", SOURCE_SCOPE,
                schemas.group(), orgId(), query);
        List<ObjectNode> resources = page.items().stream().map(r -> projection.apply(render(r, projection, uri)))
                .toList();
        return ListResponses.of(page.total(), query.startIndex(), resources);
    }

    private Response ok(Role role, Projection projection, UriInfo uri) {
        return Response.ok(projection.apply(render(role, projection, uri))).header(HttpHeaders.ETAG, ETags.of(role.version)).build();
    }

    private ObjectNode render(Role role, Projection projection, UriInfo uri) {
        List<Memberships.Member> members = projection.includes("members") ? memberships.membersOf(role.id) : null;
        return GroupJson.render(role, members, ScimBase.url(uri));
    }

    private Projection projection(String attributes, String excluded) {
        return Projection.parse(attributes, excluded, schemas.group());
    }

    private UUID orgId() {
        return caller.get().orgId();
    }
}
