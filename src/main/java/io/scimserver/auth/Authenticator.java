package io.scimserver.auth;

import io.scimserver.roles.Memberships;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;

/**
 * Establishes the caller of a request from its {@code Authorization} header, against the database every time:
 * revoking a token or deactivating its owner takes effect on the next request. SCIM needs a token of a member of
 * ADMIN. Once established, the caller is announced as {@link Authenticated}, so the log context and the rate limits
 * apply to it before any work of the request.
 */
@ApplicationScoped
public class Authenticator {

    private final PersonalAccessTokens tokens;
    private final SessionTokens sessions;
    private final Memberships memberships;
    private final CurrentCaller current;
    private final Event<Authenticated> authenticated;

    public Authenticator(PersonalAccessTokens tokens, SessionTokens sessions, Memberships memberships,
            CurrentCaller current, Event<Authenticated> authenticated) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.memberships = memberships;
        this.current = current;
        this.authenticated = authenticated;
    }

    /** The bearer token of the header; 401 when it is missing or not a bearer token at all (no database access). */
    static String bearer(String header) {
        if (header == null || header.isBlank()) {
            throw ScimException.unauthorized("no bearer token: send Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw ScimException.unauthorized("malformed Authorization header: expected Bearer <token>");
        }
        String bearer = header.substring(7).trim();
        if (!PersonalAccessTokens.looksLikeToken(bearer) && bearer.chars().filter(c -> c == '.').count() != 2) {
            throw ScimException.unauthorized(
                    "malformed bearer token: neither a personal access token nor a session token");
        }
        return bearer;
    }

    /** Authenticates the request now, in the caller's transaction if there is one (401, 403 for SCIM without ADMIN). */
    void authenticate(String bearer, boolean scim) {
        Caller caller = PersonalAccessTokens.looksLikeToken(bearer) ? fromAccessToken(bearer) : fromSessionToken(bearer);
        if (scim) {
            caller.requireAdmin();
        }
        current.set(caller);
        authenticated.fire(new Authenticated(caller));
    }

    private Caller fromAccessToken(String secret) {
        PersonalAccessTokens.Resolved t = tokens.resolve(secret)
                .orElseThrow(() -> ScimException.unauthorized("unknown token: it was never issued or has been deleted"));
        if (t.revokedAt() != null) {
            throw ScimException.unauthorized("token revoked on " + t.revokedAt() + ": issue a new token");
        }
        if (t.expiresAt() != null && !t.expiresAt().isAfter(Instant.now())) {
            throw ScimException.unauthorized("token expired on " + t.expiresAt() + ": issue a new token");
        }
        if (!t.ownerActive()) {
            throw ScimException.unauthorized("the token's owner is deactivated");
        }
        return new Caller(t.orgId(), t.userId(), t.tokenId(), t.ownerAdmin(), Caller.Kind.PERSONAL_ACCESS_TOKEN);
    }

    private Caller fromSessionToken(String jwt) {
        SessionTokens.Subject s = sessions.verify(jwt)
                .orElseThrow(() -> ScimException.unauthorized("invalid or expired session token: log in again"));
        User user = User.findInOrg(s.orgId(), s.userId())
                .orElseThrow(() -> ScimException.unauthorized("the session's user no longer exists"));
        if (!user.active) {
            throw ScimException.unauthorized("the session's user is deactivated");
        }
        return new Caller(s.orgId(), s.userId(), null, memberships.isAdmin(s.orgId(), s.userId()), Caller.Kind.SESSION);
    }
}
