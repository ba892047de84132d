package io.scimserver.auth;

import io.scimserver.scim.protocol.EndpointNames;
import io.scimserver.scim.protocol.ScimException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request from its bearer token: checked against the database, or found in this replica's
 * {@link CredentialCache} of credentials the database has verified, which every change that ends or narrows a
 * credential evicts (revoking a token, deactivating or deleting its owner, removing ADMIN): at once on the replica that
 * made it, within milliseconds on the others. SCIM needs a token of a member of ADMIN, except for the paths in
 * {@link #SELF_SERVICE_PATHS}; the {@code /scim} prefix is recognised in any case.
 *
 * <p>Deny by default: every path of the application port needs a token, also one that no endpoint serves (401, not
 * 404) and any endpoint added later, unless it is in {@link #PUBLIC_PATHS}, the one list of public paths. Health,
 * metrics and the OpenAPI document are on the management port, not here.
 *
 * <p>The admin console ({@code /console}) is a browser's: its credential is the session token in the console's cookie
 * ({@link ConsoleCookie}), read there and only there, and it needs ADMIN; a console request without a valid one is
 * redirected to the sign-in page rather than answered 401. Which paths are public is still decided by the one list.
 */
@Singleton
public class BearerAuthFilter {

    /**
     * The only paths of the application port reachable without credentials: password and SSO login, the operator's
     * organisation creation and ADMIN restoration (their resource checks the operator token), and the admin console's
     * sign-in page (GET and POST) with its stylesheet and script.
     */
    static final Set<String> PUBLIC_PATHS = Set.of("/api/v1/login", "/api/v1/login/sso", "/api/v1/orgs",
            "/api/v1/orgs/admins", ConsoleCookie.SIGN_IN, "/console/assets/console.css", "/console/assets/console.js");

    /**
     * The only SCIM paths any authenticated user may call, admin or not, compared exactly (after
     * {@code web.EndpointCase} made the case canonical): {@code /scim/v2/Me}, the caller's own User (RFC 7644 §3.11).
     * Nothing under it and no other SCIM path: those need ADMIN.
     */
    static final Set<String> SELF_SERVICE_PATHS = Set.of(EndpointNames.BASE + "/Me");

    private final PersonalAccessTokens tokens;
    private final SessionTokens sessions;
    private final CurrentCaller current;
    private final CredentialCache cache;

    public BearerAuthFilter(PersonalAccessTokens tokens, SessionTokens sessions, CurrentCaller current,
            CredentialCache cache) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.current = current;
        this.cache = cache;
    }

    /**
     * Before matching, on the event loop, for every path (also those no endpoint serves): a request off the public
     * list without credentials is refused at once. Checking the token needs the database, so it waits for
     * {@link #authenticate(ContainerRequestContext)}, on the worker thread.
     */
    @ServerRequestFilter(preMatching = true)
    public Response requireCredentials(ContainerRequestContext ctx) {
        if (isPublic(ctx)) {
            return null;
        }
        if (ConsoleCookie.covers(normalise(ctx.getUriInfo().getPath()))) {
            return ConsoleCookie.token(ctx).isEmpty() ? ConsoleCookie.toSignIn() : null;
        }
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ScimException.unauthorized("no bearer token: send Authorization: Bearer <token>");
        }
        return null;
    }

    /** Returns null to go on, or the console's redirect to its sign-in page. */
    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext ctx) {
        if (isPublic(ctx)) {
            return null;
        }
        if (ConsoleCookie.covers(normalise(ctx.getUriInfo().getPath()))) {
            return authenticateConsole(ctx);
        }
        String path = normalise(ctx.getUriInfo().getPath());
        Caller caller = authenticate(ctx.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (EndpointNames.isScim(path) && !SELF_SERVICE_PATHS.contains(path)) {
            caller.requireAdmin();
        }
        current.set(caller);
        return null;
    }

    /**
     * The console: the cookie's session token, checked like a bearer session token (signature, expiry, user active
     * and current), and ADMIN membership; a missing or refused cookie sends the browser to the sign-in page.
     */
    private Response authenticateConsole(ContainerRequestContext ctx) {
        Caller caller;
        try {
            caller = fromSessionToken(ConsoleCookie.token(ctx).orElseThrow(
                    () -> ScimException.unauthorized("no console session")));
        } catch (ScimException e) {
            return ConsoleCookie.toSignIn();
        }
        if (!caller.admin()) {
            return ConsoleCookie.toSignIn();
        }
        current.set(caller);
        return null;
    }

    private static boolean isPublic(ContainerRequestContext ctx) {
        return PUBLIC_PATHS.contains(normalise(ctx.getUriInfo().getPath()));
    }

    private static String normalise(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    Caller authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw ScimException.unauthorized("no bearer token: send Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw ScimException.unauthorized("malformed Authorization header: expected Bearer <token>");
        }
        String bearer = header.substring(7).trim();
        if (PersonalAccessTokens.looksLikeToken(bearer)) {
            return fromAccessToken(bearer);
        }
        if (bearer.chars().filter(c -> c == '.').count() == 2) {
            return fromSessionToken(bearer);
        }
        throw ScimException.unauthorized("malformed bearer token: neither a personal access token nor a session token");
    }

    private Caller fromAccessToken(String secret) {
        byte[] hash = PersonalAccessTokens.hash(secret);
        Instant now = Instant.now();
        Caller cached = cache.find(hash, now);
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        PersonalAccessTokens.Resolved t = tokens.resolve(hash)
                .orElseThrow(() -> ScimException.unauthorized("unknown token: it was never issued or has been deleted"));
        if (t.revokedAt() != null) {
            throw ScimException.unauthorized("token revoked on " + t.revokedAt() + ": issue a new token");
        }
        if (t.expiresAt() != null && !t.expiresAt().isAfter(now)) {
            throw ScimException.unauthorized("token expired on " + t.expiresAt() + ": issue a new token");
        }
        if (!t.ownerActive()) {
            throw ScimException.unauthorized("the token's owner is deactivated");
        }
        Caller caller = new Caller(t.orgId(), t.userId(), t.tokenId(), t.ownerAdmin(),
                Caller.Kind.PERSONAL_ACCESS_TOKEN);
        cache.keep(hash, caller, t.expiresAt(), epoch);
        return caller;
    }

    private Caller fromSessionToken(String jwt) {
        byte[] key = PersonalAccessTokens.hash(jwt);
        Caller cached = cache.find(key, Instant.now());
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        SessionTokens.Subject s = sessions.verify(jwt)
                .orElseThrow(() -> ScimException.unauthorized("invalid or expired session token: log in again"));
        SessionTokens.Account user = sessions.account(s);
        if (!user.exists()) {
            throw ScimException.unauthorized("the session's user no longer exists");
        }
        if (!user.active()) {
            throw ScimException.unauthorized("the session's user is deactivated");
        }
        if (!user.current()) {
            throw ScimException.unauthorized("the session ended when the user's password or account state changed:"
                    + " log in again");
        }
        Caller caller = new Caller(s.orgId(), s.userId(), null, user.admin(), Caller.Kind.SESSION);
        cache.keep(key, caller, s.expiresAt(), epoch);
        return caller;
    }
}
