package io.scimserver.login;

import io.scimserver.audit.Audit;
import io.scimserver.auth.SessionTokens;
import io.scimserver.config.ScimConfig;
import io.scimserver.observability.ScimMetrics;
import io.scimserver.observability.ScimMetrics.LoginOutcome;
import io.scimserver.orgs.Organization;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jboss.logging.Logger;

/**
 * Login with an ID token from an organisation's identity provider. The request names the organisation (absent, the
 * bootstrap organisation, as for password login); that organisation's settings alone verify the token
 * ({@link IdTokens}): nothing in the token chooses whose settings apply. The tenant is checked ({@code tid} must be
 * the provider's tenant when it has one), then {@link SsoAccounts} finds the account by its bound subject, or binds it
 * on a first login. Every refusal, from an unknown organisation to a bad signature or an unknown user, is the same 401
 * with the same text. Attempts are throttled per client address like password logins; refused ones are counted, not
 * audited ({@link LoginRefusals}).
 */
@ApplicationScoped
public class SsoLogin {

    static final String REFUSED = "the ID token was refused: it is not a valid ID token of this organisation's"
            + " identity provider for an active user";
    private static final Logger LOG = Logger.getLogger(SsoLogin.class);

    private final ScimConfig config;
    private final IdTokens idTokens;
    private final SsoAccounts accounts;
    private final LoginThrottle throttle;
    private final SessionTokens sessions;
    private final Audit audit;
    private final ScimMetrics metrics;
    private final LoginRefusals refusals;

    public SsoLogin(ScimConfig config, IdTokens idTokens, SsoAccounts accounts, LoginThrottle throttle,
            SessionTokens sessions, Audit audit, ScimMetrics metrics, LoginRefusals refusals) {
        this.config = config;
        this.idTokens = idTokens;
        this.accounts = accounts;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.metrics = metrics;
        this.refusals = refusals;
    }

    public SessionTokens.Issued login(String organization, String idToken, String clientAddress) {
        if (idToken == null || idToken.isBlank()) {
            throw ScimException.invalidValue("send {\"idToken\": \"<JWT from your identity provider>\"} and optionally"
                    + " \"organization\"");
        }
        String orgName = organization == null || organization.isBlank()
                ? config.bootstrap().organization() : organization.trim();
        UUID orgId = Organization.findByName(orgName).map(o -> o.id).orElse(null);
        String addressKey = LoginThrottle.addressKey(clientAddress);
        try {
            throttle.attempt(addressKey);
        } catch (ScimException e) {
            refused(orgId, true);
            throw e;
        }
        Optional<User> user = Optional.ofNullable(orgId).flatMap(id -> verify(id, idToken));
        if (user.isEmpty()) {
            refused(orgId, false);
            throw ScimException.unauthorized(REFUSED);
        }
        throttle.succeeded(addressKey);
        User u = user.get();
        metrics.login("sso", LoginOutcome.SUCCESS);
        audit.recordSeparately(LoginEvents.success(u, "sso", clientAddress));
        return sessions.issue(u.orgId, u.id, u.credentialsStamp);
    }

    /** The active account the ID token signs in, or empty; the reason of a refusal goes to the debug log only. */
    private Optional<User> verify(UUID orgId, String idToken) {
        Optional<SsoProvider> provider = SsoProvider.findByIdOptional(orgId);
        if (provider.isEmpty()) {
            LOG.debugf("SSO refused: organisation %s has no identity provider", orgId);
            return Optional.empty();
        }
        JwtClaims claims;
        try {
            claims = idTokens.verify(provider.get(), idToken);
        } catch (IdTokens.Refused e) {
            LOG.debugf("SSO refused for organisation %s: %s", orgId, e.getMessage());
            return Optional.empty();
        }
        String tenant = provider.get().tenantId;
        if (tenant != null && !tenant.equalsIgnoreCase(stringClaim(claims, "tid"))) {
            LOG.debugf("SSO refused for organisation %s: the token's tid is not the provider's tenant", orgId);
            return Optional.empty();
        }
        Optional<User> user = accounts.match(provider.get(), claims);
        if (user.isEmpty()) {
            LOG.debugf("SSO refused for organisation %s: no active account matches the token", orgId);
        }
        return user;
    }

    private void refused(UUID orgId, boolean throttled) {
        metrics.login("sso", throttled ? LoginOutcome.THROTTLED : LoginOutcome.FAILURE);
        refusals.count(orgId, "sso", throttled);
    }

    private static String stringClaim(JwtClaims claims, String name) {
        try {
            return claims.getStringClaimValue(name);
        } catch (MalformedClaimException e) {
            return null;
        }
    }
}
