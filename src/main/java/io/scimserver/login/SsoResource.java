package io.scimserver.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.scim.protocol.ScimException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/sso}: an admin sets or reads the organisation's identity provider. */
@Tag(name = "SSO", description = "The organisation's identity provider for SSO login")
@Path("/api/v1/sso")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SsoResource {

    private final CurrentCaller caller;
    private final SsoSettings settings;

    public SsoResource(CurrentCaller caller, SsoSettings settings) {
        this.caller = caller;
        this.settings = settings;
    }

    /**
     * {@code jwks} may be sent as a JSON object or as a string holding one; without {@code jwks} and
     * {@code publicKeyPem} the keys come from the issuer's OpenID configuration.
     */
    public record SetProvider(String issuer, String audience, JsonNode jwks, String publicKeyPem, String tenantId,
            String userClaim, Boolean trustUnverifiedEmail) {
    }

    @PUT
    public SsoSettings.Provider set(SetProvider body) {
        var admin = caller.get().requireAdmin();
        if (body == null) {
            throw ScimException.invalidValue("send {\"issuer\", \"audience\"} and optionally \"jwks\" or"
                    + " \"publicKeyPem\", \"tenantId\", \"userClaim\", \"trustUnverifiedEmail\"");
        }
        String jwks = body.jwks() == null || body.jwks().isNull() ? null
                : body.jwks().isTextual() ? body.jwks().asText() : body.jwks().toString();
        return settings.set(admin.orgId(), new SsoSettings.Request(body.issuer(), body.audience(), jwks,
                body.publicKeyPem(), body.tenantId(), body.userClaim(), body.trustUnverifiedEmail()));
    }

    @GET
    public SsoSettings.Provider get() {
        var admin = caller.get().requireAdmin();
        return settings.get(admin.orgId())
                .orElseThrow(() -> ScimException.notFound("this organisation has no identity provider set"));
    }
}
