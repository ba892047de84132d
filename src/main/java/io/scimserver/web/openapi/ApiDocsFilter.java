package io.scimserver.web.openapi;

import io.scimserver.scim.protocol.ScimMedia;
import io.scimserver.scim.protocol.ScimType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes the generated OpenAPI document in one place rather than on every method: the error bodies (the SCIM
 * Error of RFC 7644 §3.12 in {@code application/scim+json} under {@code /scim/v2}, {@code ApiError} JSON under
 * {@code /api/v1}) for the statuses each endpoint can answer, and the bearer-token requirement on every endpoint
 * but login and organisation creation (which takes the operator token). Registered as {@code mp.openapi.filter}.
 */
public class ApiDocsFilter implements OASFilter {

    static final String SCIM_ERROR = "ScimError";
    static final String API_ERROR = "ApiError";
    private static final Set<String> OPEN = Set.of("/api/v1/login", "/api/v1/login/sso");

    private static final Map<String, String> REASONS = Map.of(
            "400", "Invalid request (scimType says why: invalidFilter, invalidValue, invalidSyntax, mutability...)",
            "401", "Missing, unknown, expired or revoked token, or its owner is deactivated",
            "403", "The token's user is not a member of ADMIN",
            "404", "No such resource in this organisation",
            "409", "Uniqueness conflict (scimType uniqueness) or a rule of the organisation",
            "412", "If-Match does not match the resource's ETag",
            "429", "Rate limited: retry after Retry-After seconds",
            "503", "Database unavailable: retry shortly");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCIM_ERROR, scimError());
        openAPI.getComponents().addSchema(API_ERROR, apiError());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach(
                (method, op) -> complete(path, method, op)));
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation op) {
        boolean scim = path.startsWith("/scim/");
        boolean open = OPEN.contains(path) || path.equals("/api/v1/orgs");
        if (!OPEN.contains(path)) {
            op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer", List.of()));
        }
        List<String> statuses = new java.util.ArrayList<>(List.of("400", "401"));
        if (!open) {
            statuses.add("403");
        }
        if (path.contains("{") || path.equals("/api/v1/sso")) {
            statuses.add("404");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE) {
            statuses.add("409");
            if (scim && path.contains("{")) {
                statuses.add("412");
            }
        }
        statuses.add("429");
        statuses.add("503");
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        for (String status : statuses) {
            if (op.getResponses().getAPIResponse(status) == null) {
                op.getResponses().addAPIResponse(status, error(status, scim));
            }
        }
    }

    private static APIResponse error(String status, boolean scim) {
        Schema ref = OASFactory.createSchema().ref(scim ? SCIM_ERROR : API_ERROR);
        return OASFactory.createAPIResponse().description(REASONS.getOrDefault(status, "Error"))
                .content(OASFactory.createContent().addMediaType(scim ? ScimMedia.SCIM_JSON : "application/json",
                        OASFactory.createMediaType().schema(ref)));
    }

    private static Schema scimError() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("SCIM Error (RFC 7644 §3.12); status is a string")
                .addProperty("schemas", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                                .addEnumeration(ScimMedia.ERROR_SCHEMA)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .example("409"))
                .addProperty("scimType", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .enumeration(Arrays.stream(ScimType.values()).<Object>map(ScimType::keyword).toList()))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .required(List.of("schemas", "status"));
    }

    private static Schema apiError() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Error of /api/v1: the status and a message a person can act on")
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .required(List.of("status", "message"));
    }
}
