package io.scimserver.login;

import io.scimserver.auth.SessionTokens;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/login} and {@code /api/v1/login/sso}: a short-lived session token for a password or an ID
 * token. The client address that failures are counted against is the connection's, or the forwarded one when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is enabled behind a trusted proxy.
 */
@Tag(name = "Login", description = "Session tokens for a password or an ID token")
@Path("/api/v1/login")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoginResource {

    private final PasswordLogin passwords;
    private final SsoLogin sso;

    public LoginResource(PasswordLogin passwords, SsoLogin sso) {
        this.passwords = passwords;
        this.sso = sso;
    }

    /** {@code organization} is the organisation's name; absent, the bootstrap organisation. */
    public record PasswordRequest(String organization, String userName, String password) {
    }

    /** {@code organization} is the organisation's name; absent, the bootstrap organisation. */
    public record SsoRequest(String organization, String idToken) {
    }

    public record Session(String token, Instant expiresAt) {
        static Session of(SessionTokens.Issued issued) {
            return new Session(issued.token(), issued.expiresAt());
        }
    }

    @POST
    public Session login(PasswordRequest body, @Context HttpServerRequest request) {
        PasswordRequest b = body == null ? new PasswordRequest(null, null, null) : body;
        return Session.of(passwords.login(b.organization(), b.userName(), b.password(), address(request)));
    }

    @POST
    @Path("/sso")
    public Session sso(SsoRequest body, @Context HttpServerRequest request) {
        SsoRequest b = body == null ? new SsoRequest(null, null) : body;
        return Session.of(sso.login(b.organization(), b.idToken(), address(request)));
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
