package io.scimserver.login;

import io.scimserver.audit.Actor;
import io.scimserver.audit.Audit;
import io.scimserver.audit.AuditEvent;
import io.scimserver.audit.Outcome;
import io.scimserver.auth.PasswordHasher;
import io.scimserver.auth.SessionTokens;
import io.scimserver.config.ScimConfig;
import io.scimserver.orgs.Organization;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import io.scimserver.observability.ScimMetrics;
import io.scimserver.observability.ScimMetrics.LoginOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Password login. Every refusal (unknown organisation or user, no password, wrong password, deactivated user) is
 * the same 401 after the same bcrypt work, so neither the answer nor its timing tells which userNames exist. The
 * organisation is named in the request, or is the bootstrap organisation ({@code scim.bootstrap.organization}).
 * Every attempt past the syntax check is audited (in a transaction of its own: a login changes nothing else) and
 * counted in {@code scim_logins_total}.
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

    public PasswordLogin(ScimConfig config, PasswordHasher hasher, LoginThrottle throttle, SessionTokens sessions,
            Audit audit, ScimMetrics metrics) {
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
            record(orgId, null, userName, clientAddress, e.status());
            throw e;
        }

        Optional<User> user = org.flatMap(o -> User.findByUserName(o.id, userName.trim()));
        boolean matches = user.isPresent()
                ? hasher.verify(password, user.get().passwordHash)
                : hasher.verifyNothing(password);
        if (!matches || !user.get().active) {
            record(orgId, user.map(u -> u.id).orElse(null), userName, clientAddress, 401);
            throw ScimException.unauthorized(REFUSED);
        }
        throttle.succeeded(userKey, addressKey);
        record(orgId, user.get().id, userName, clientAddress, 200);
        return sessions.issue(user.get().orgId, user.get().id);
    }

    /** The audit row and the meter of one attempt; the userName as typed (trimmed, bounded), never the password. */
    private void record(UUID orgId, UUID userId, String userName, String clientAddress, int status) {
        Outcome outcome = Outcome.of(status);
        metrics.login("password", LoginOutcome.valueOf(outcome.name()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("method", "password");
        String name = userName.trim();
        summary.put("userName", name.length() > 200 ? name.substring(0, 200) : name);
        summary.put("address", clientAddress);
        audit.recordSeparately(new AuditEvent(orgId, Actor.anonymous(userId), "Session",
                userId == null ? null : userId.toString(), "login", outcome,
                outcome == Outcome.SUCCESS ? null : status, summary));
    }
}
