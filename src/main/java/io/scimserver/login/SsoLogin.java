package io.scimserver.login;

import io.scimserver.auth.SessionTokens;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
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

    public SsoLogin(JWTParser parser, SessionTokens sessions) {
        this.parser = parser;
        this.sessions = sessions;
    }

    public SessionTokens.Issued login(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            throw ScimException.invalidValue("send {\"idToken\": \"<JWT from your identity provider>\"}");
        }
        String issuer = unverifiedIssuer(idToken);
        SsoProvider provider = SsoProvider.findByIssuer(issuer).orElseThrow(
                () -> ScimException.unauthorized("no organisation trusts the ID token's issuer \"" + issuer + "\""));
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
        return sessions.issue(user.orgId, user.id);
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
