package io.scimserver.orgs;

import io.scimserver.config.ScimConfig;
import io.scimserver.identity.Identifiers;
import io.scimserver.scim.protocol.ScimException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's endpoints, with {@code scim.operator-token}: {@code POST /api/v1/orgs} creates an organisation and
 * answers its first admin's token; {@code POST /api/v1/orgs/admins} restores an admin to an existing one.
 */
@Tag(name = "Organisations", description = "Operator: create an organisation with its first admin; restore an admin")
@Path("/api/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgResource {

    private final ScimConfig config;
    private final Organizations organizations;

    public OrgResource(ScimConfig config, Organizations organizations) {
        this.config = config;
        this.organizations = organizations;
    }

    public record CreateOrg(String name, String adminUserName) {
    }

    public record OrgCreated(UUID id, String name, UUID adminUserId, String adminToken) {
    }

    /** Names the organisation by {@code organization}; {@code userName} becomes (or stays) one of its active ADMINs. */
    public record RestoreAdmin(String organization, String userName) {
    }

    @POST
    public RestResponse<OrgCreated> create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            CreateOrg body) {
        requireOperator(authorization);
        if (body == null || blank(body.name()) || blank(body.adminUserName())) {
            throw ScimException.invalidValue("send {\"name\": \"...\", \"adminUserName\": \"...\"}, both non-empty");
        }
        Organizations.Created c = organizations.create(Identifiers.canonical("name", body.name()),
                body.adminUserName());
        return RestResponse.ResponseBuilder.<OrgCreated>created(URI.create("/api/v1/orgs/" + c.id()))
                .entity(new OrgCreated(c.id(), c.name(), c.adminUserId(), c.adminToken())).build();
    }

    /**
     * {@code POST /api/v1/orgs/admins}: the operator restores an ADMIN to an organisation (one that lost its admins, or
     * whose admins lost their tokens). Answers 200 with a new non-expiring token of that admin, shown once.
     */
    @POST
    @Path("/admins")
    public Organizations.Restored restoreAdmin(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            RestoreAdmin body) {
        requireOperator(authorization);
        if (body == null || blank(body.organization()) || blank(body.userName())) {
            throw ScimException.invalidValue("send {\"organization\": \"<name>\", \"userName\": \"...\"}, both"
                    + " non-empty");
        }
        return organizations.restoreAdmin(body.organization(), body.userName());
    }

    /** 404 while no operator token is configured (the endpoints do not exist), 401 for any other bearer. */
    private void requireOperator(String authorization) {
        String operatorToken = config.operatorToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> ScimException.notFound("not found"));
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ScimException.unauthorized("this endpoint needs the operator token: Authorization: Bearer <token>");
        }
        if (!MessageDigest.isEqual(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                operatorToken.getBytes(StandardCharsets.UTF_8))) {
            throw ScimException.unauthorized("the bearer token is not the operator token");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
