package io.scimserver.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.spec.InvalidKeySpecException;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Password hashing with bcrypt (WildFly Elytron through Quarkus, native-image safe). Hashes are stored in modular
 * crypt form ({@code $2a$12$...}), so each carries its own salt and cost and old hashes keep verifying after the
 * cost is raised. Verification is Elytron's constant-time comparison. {@link #verifyNothing(String)} spends the same
 * time as a real verification, so that answering for an unknown user takes as long as for a known one.
 */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads 72 bytes at most: a longer password would be silently cut, so it is refused instead. */
    static final int MAX_BYTES = 72;
    private static final int MIN_COST = 12;

    private final WildFlyElytronPasswordProvider provider = new WildFlyElytronPasswordProvider();
    private final int cost;
    private final PasswordPolicy policy;
    private volatile String dummyHash;

    public PasswordHasher(ScimConfig config, PasswordPolicy policy) {
        this.cost = Math.max(MIN_COST, config.login().bcryptCost());
        this.policy = policy;
    }

    /**
     * The bcrypt hash of a new password, as sent; 400 invalidValue when {@link PasswordPolicy} refuses it or it is
     * longer than 72 UTF-8 bytes.
     */
    public String hash(String raw) {
        policy.check(raw);
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ScimException.invalidValue("a password may have at most " + MAX_BYTES + " bytes (UTF-8)");
        }
        return BcryptUtil.bcryptHash(raw, cost);
    }

    /** Whether {@code raw} matches the stored {@code hash}; false for a null or unreadable hash. */
    public boolean verify(String raw, String hash) {
        if (raw == null || hash == null || hash.isBlank()) {
            verifyNothing(raw);
            return false;
        }
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, provider);
            Password decoded = ModularCrypt.decode(hash);
            return factory.verify(factory.translate(decoded), raw.toCharArray());
        } catch (InvalidKeySpecException e) {
            verifyNothing(raw);
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available", e);
        }
    }

    /** Spends the time of one verification and returns false: the answer for a user without a password. */
    public boolean verifyNothing(String raw) {
        verify(raw == null ? "" : raw, dummyHash());
        return false;
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = BcryptUtil.bcryptHash("no user has this password", cost);
            dummyHash = h;
        }
        return h;
    }
}
