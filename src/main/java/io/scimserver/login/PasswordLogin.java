package io.scimserver.login;

import io.scimserver.audit.Audit;
import io.scimserver.auth.PasswordHasher;
import io.scimserver.auth.SessionTokens;
import io.scimserver.config.ScimConfig;
import io.scimserver.orgs.Organization;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import io.scimserver.observability.ScimMetrics;
import io.scimserver.observability.ScimMetrics.LoginOutcome;
import java.util.Optional;
import java.util.UUID;

/**
 * Password login. Every refusal (unknown organisation or user, no password, wrong password, deactivated user) is
 * the same 401 after the same bcrypt work, so neither the answer nor its timing tells which userNames exist. The
 * organisation is named in the request, or is the bootstrap organisation ({@code scim.bootstrap.organization}).
 * A successful login is audited (in a transaction of its own: a login changes nothing else); a refused or throttled
 * one is only counted ({@link LoginRefusals}), so anonymous callers cannot write their text into the audit trail. Every
 * attempt past the syntax check is counted in {@code scim_logins_total}.
 */
@ApplicationScoped
public class PasswordLogin {

    static final String REFUSED = "invalid userName or password";

    private final ScimConfig config;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionTokens sessions;
    private final Audit audit;
    private final ScimMetrics metrics;
    private final LoginRefusals refusals;

    public PasswordLogin(ScimConfig config, PasswordHasher hasher, LoginThrottle throttle, SessionTokens sessions,
            Audit audit, ScimMetrics metrics, LoginRefusals refusals) {
        this.refusals = refusals;
        this.config = config;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.metrics = metrics;
    }

    public SessionTokens.Issued login(String organization, String userName, String password, String clientAddress) {
        if (userName == null || userName.isBlank() || password == null) {
            throw ScimException.invalidValue("send {\"userName\": \"...\", \"password\": \"...\"}"
                    + " and optionally \"organization\"");
        }
        String orgName = organization == null || organization.isBlank()
                ? config.bootstrap().organization() : organization.trim();
        Optional<Organization> org = Organization.findByName(orgName);
        String userKey = LoginThrottle.userKey(org.map(o -> o.id).orElse(null), orgName, userName.trim());
        String addressKey = LoginThrottle.addressKey(clientAddress);
        UUID orgId = org.map(o -> o.id).orElse(null);
        try {
            throttle.attempt(userKey, addressKey);
        } catch (ScimException e) {
            refused(orgId, e.status());
            throw e;
        }

        Optional<User> user = org.flatMap(o -> User.findByUserName(o.id, userName.trim()));
        boolean matches = user.isPresent()
                ? hasher.verify(password, user.get().passwordHash)
                : hasher.verifyNothing(password);
        if (!matches || !user.get().active) {
            refused(orgId, 401);
            throw ScimException.unauthorized(REFUSED);
        }
        throttle.succeeded(userKey, addressKey);
        User u = user.get();
        metrics.login("password", LoginOutcome.SUCCESS);
        audit.recordSeparately(LoginEvents.success(u, "password", clientAddress));
        return sessions.issue(u.orgId, u.id, u.credentialsStamp);
    }

    /** A refused or throttled attempt: metered and counted, never recorded with what the caller typed. */
    private void refused(UUID orgId, int status) {
        metrics.login("password", status == 429 ? LoginOutcome.THROTTLED : LoginOutcome.FAILURE);
        refusals.count(orgId, "password", status == 429);
    }
}
