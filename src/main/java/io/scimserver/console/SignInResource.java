package io.scimserver.console;

import io.scimserver.auth.ConsoleCookie;
import io.scimserver.auth.SessionTokens;
import io.scimserver.login.PasswordLogin;
import io.scimserver.scim.discovery.ScimBase;
import io.scimserver.scim.protocol.ScimException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Signing in to and out of the console. Sign-in is {@link PasswordLogin}, the logic behind {@code POST /api/v1/login}:
 * the same throttling, the same refusals, the same audit row; then only members of ADMIN get the cookie. The cookie
 * carries the session token itself (signed by {@link SessionTokens}), so no replica keeps any session state.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    /** The sign-in form's double-submit cookie, scoped to the sign-in path. */
    static final String LOGIN_CSRF_COOKIE = "scim_console_login";

    private final SecureRandom random = new SecureRandom(); // made at run time, with the bean (see Csrf.random)
    private final PasswordLogin passwords;
    private final SessionTokens sessions;

    public SignInResource(PasswordLogin passwords, SessionTokens sessions) {
        this.passwords = passwords;
        this.sessions = sessions;
    }

    @GET
    @Path("/login")
    @Operation(hidden = true)
    public Response form(@Context UriInfo uri, @Context HttpServerRequest request) {
        return signInPage(200, null, null, null, uri, request).build();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("organization") String organization, @FormParam("userName") String userName,
            @FormParam("password") String password, @FormParam(Csrf.FIELD) String csrf,
            @CookieParam(LOGIN_CSRF_COOKIE) String csrfCookie, @Context HttpServerRequest request,
            @Context UriInfo uri) {
        if (!Csrf.same(csrfCookie, csrf)) {
            return signInPage(403, organization, userName, "The sign-in form expired. Sign in again.", uri, request)
                    .build();
        }
        SessionTokens.Issued issued;
        try {
            issued = passwords.login(Forms.text("organization", organization), Forms.text("userName", userName),
                    Forms.text("password", password), address(request));
        } catch (ScimException e) {
            Response.ResponseBuilder r = signInPage(e.status(), organization, userName, e.detail(), uri, request);
            e.headers().forEach(r::header);
            return r.build();
        }
        SessionTokens.Subject subject = sessions.verify(issued.token()).orElseThrow();
        if (!sessions.account(subject).admin()) {
            return signInPage(403, organization, userName, "The console is for members of the ADMIN role; this account"
                    + " is not one.", uri, request).build();
        }
        long maxAge = Math.max(1, Duration.between(Instant.now(), issued.expiresAt()).toSeconds());
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, ConnectResource.PATH)
                .header(HttpHeaders.SET_COOKIE, ConsoleCookie.NAME + "=" + issued.token() + "; Path="
                        + ConsoleCookie.PATH + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + secure(uri, request))
                .header(HttpHeaders.SET_COOKIE, LOGIN_CSRF_COOKIE + "=; Path=" + ConsoleCookie.SIGN_IN
                        + "; Max-Age=0; HttpOnly; SameSite=Strict")
                .build();
    }

    /**
     * Ends the browser's session: the cookie is deleted. The session token itself stays valid until it expires (it is
     * stateless); the browser no longer has it.
     */
    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf) {
        if (!Csrf.valid(session, csrf)) {
            return Forms.forged();
        }
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, ConsoleCookie.SIGN_IN + "?out")
                .header(HttpHeaders.SET_COOKIE, ConsoleCookie.cleared()).build();
    }

    private Response.ResponseBuilder signInPage(int status, String organization, String userName, String error,
            UriInfo uri, HttpServerRequest request) {
        String token = Csrf.random(random);
        boolean signedOut = uri.getQueryParameters().containsKey("out");
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(new Pages.signIn(safe(organization), safe(userName), error, signedOut, token))
                .header(HttpHeaders.SET_COOKIE, LOGIN_CSRF_COOKIE + "=" + token + "; Path=" + ConsoleCookie.SIGN_IN
                        + "; HttpOnly; SameSite=Strict" + secure(uri, request));
    }

    /** What the form is filled with again after a refusal: only text the door accepts, never the password. */
    private static String safe(String s) {
        try {
            return Forms.text("value", s);
        } catch (ScimException e) {
            return null;
        }
    }

    /** Secure when the browser reaches the service over https (directly, or by the public base URL behind a proxy). */
    static String secure(UriInfo uri, HttpServerRequest request) {
        return request.isSSL() || ScimBase.origin(uri).startsWith("https:") ? "; Secure" : "";
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
