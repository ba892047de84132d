package io.scimserver.login;

import io.scimserver.auth.PasswordHasher;
import io.scimserver.auth.SessionTokens;
import io.scimserver.config.ScimConfig;
import io.scimserver.orgs.Organization;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Password login. Every refusal (unknown organisation or user, no password, wrong password, deactivated user) is
 * the same 401 after the same bcrypt work, so neither the answer nor its timing tells which userNames exist. The
 * organisation is named in the request, or is the bootstrap organisation ({@code scim.bootstrap.organization}).
 */
@ApplicationScoped
public class PasswordLogin {

    static final String REFUSED = "invalid userName or password";

    private final ScimConfig config;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionTokens sessions;

    public PasswordLogin(ScimConfig config, PasswordHasher hasher, LoginThrottle throttle, SessionTokens sessions) {
        this.config = config;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
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
        throttle.attempt(userKey, addressKey);

        Optional<User> user = org.flatMap(o -> User.findByUserName(o.id, userName.trim()));
        boolean matches = user.isPresent()
                ? hasher.verify(password, user.get().passwordHash)
                : hasher.verifyNothing(password);
        if (!matches || !user.get().active) {
            throw ScimException.unauthorized(REFUSED);
        }
        throttle.succeeded(userKey, addressKey);
        return sessions.issue(user.get().orgId, user.get().id);
    }
}
