package io.scimserver.login;

import io.scimserver.audit.Actor;
import io.scimserver.audit.Audit;
import io.scimserver.audit.AuditEvent;
import io.scimserver.audit.Outcome;
import io.scimserver.auth.SessionTokens;
import io.scimserver.observability.ScimMetrics;
import io.scimserver.observability.ScimMetrics.LoginOutcome;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Login with an ID token from the organisation's identity provider. The token's (unverified) {@code iss} only
 * chooses the organisation whose provider settings then verify it: signature (RS256/ES256), issuer, audience and
 * expiry. The user is the one whose userName equals the {@code email}, {@code preferred_username} or {@code upn}
 * claim, tried in that order; it must be active.
 */
@ApplicationScoped
public class SsoLogin {

    private static final Logger LOG = Logger.getLogger(SsoLogin.class);
    private static final List<String> USER_CLAIMS = List.of("email", "preferred_username", "upn");

    private final JWTParser parser;
    private final SessionTokens sessions;
    private final Audit audit;
    private final ScimMetrics metrics;

    public SsoLogin(JWTParser parser, SessionTokens sessions, Audit audit, ScimMetrics metrics) {
        this.parser = parser;
        this.sessions = sessions;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Logs in; every attempt with a token is audited (organisation when the issuer is known) and counted. */
    public SessionTokens.Issued login(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            throw ScimException.invalidValue("send {\"idToken\": \"<JWT from your identity provider>\"}");
        }
        UUID[] org = new UUID[1];
        try {
            User user = verify(idToken, org);
            record(org[0], user.id, 200);
            return sessions.issue(user.orgId, user.id);
        } catch (ScimException e) {
            record(org[0], null, e.status());
            throw e;
        }
    }

    private void record(UUID orgId, UUID userId, int status) {
        Outcome outcome = Outcome.of(status);
        metrics.login("sso", LoginOutcome.valueOf(outcome.name()));
        audit.recordSeparately(new AuditEvent(orgId, Actor.anonymous(userId), "Session",
                userId == null ? null : userId.toString(), "login", outcome,
                outcome == Outcome.SUCCESS ? null : status, Map.of("method", "sso")));
    }

    /** The active user the ID token names; {@code org[0]} is set once the issuer's organisation is known. */
    private User verify(String idToken, UUID[] org) {
        String issuer = unverifiedIssuer(idToken);
        SsoProvider provider = SsoProvider.findByIssuer(issuer).orElseThrow(
                () -> ScimException.unauthorized("no organisation trusts the ID token's issuer \"" + issuer + "\""));
        org[0] = provider.orgId;
        JsonWebToken jwt;
        try {
            jwt = parser.parse(idToken, SsoKeys.context(provider));
        } catch (ParseException e) {
            LOG.debugf(e, "ID token of %s refused", issuer);
            throw ScimException.unauthorized("the ID token was refused: its signature, expiry, issuer or audience"
                    + " is not valid for this organisation's identity provider");
        }
        User user = matchingUser(provider, jwt).filter(u -> u.active).orElseThrow(() -> ScimException.unauthorized(
                "no active user of this organisation matches the ID token's email, preferred_username or upn"));
        return user;
    }

    private String unverifiedIssuer(String idToken) {
        try {
            String issuer = parser.parseOnly(idToken).getIssuer();
            if (issuer != null && !issuer.isBlank()) {
                return issuer;
            }
        } catch (ParseException | RuntimeException e) {
            LOG.debugf("unreadable ID token: %s", e.getMessage());
        }
        throw ScimException.unauthorized("the ID token is not a signed JWT with an iss claim");
    }

    private static Optional<User> matchingUser(SsoProvider provider, JsonWebToken jwt) {
        for (String claim : USER_CLAIMS) {
            Object value = jwt.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                Optional<User> user = User.findByUserName(provider.orgId, unquote(value.toString()));
                if (user.isPresent()) {
                    return user;
                }
            }
        }
        return Optional.empty();
    }

    /** String claims may come back as JSON strings, quotes included. */
    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
