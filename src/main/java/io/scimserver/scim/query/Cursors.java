package io.scimserver.scim.query;

import io.quarkus.runtime.Startup;
import io.scimserver.config.ScimConfig;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The service's {@link CursorCodec}, keyed from configuration at start: {@code scim.cursor-secret}, else the
 * secrets every replica already shares ({@code scim.jwt.private-key}, then {@code scim.operator-token}), else a key of
 * this process alone. A cursor secret shorter than 32 characters stops the start.
 */
@Startup
@Singleton
public class Cursors {

    private static final Logger LOG = Logger.getLogger(Cursors.class);
    static final int MIN_SECRET_LENGTH = 32;

    private final CursorCodec codec;

    public Cursors(ScimConfig config) {
        this.codec = new CursorCodec(key(config), config.limits().cursorTimeout());
    }

    public CursorCodec codec() {
        return codec;
    }

    private static byte[] key(ScimConfig config) {
        Optional<String> secret = config.cursorSecret().filter(s -> !s.isBlank());
        if (secret.isPresent()) {
            if (secret.get().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("scim.cursor-secret (SCIM_CURSOR_SECRET) has " + secret.get().length()
                        + " characters; it needs at least " + MIN_SECRET_LENGTH);
            }
            return CursorCodec.deriveKey(secret.get());
        }
        Optional<String> shared = config.jwt().privateKey().filter(s -> !s.isBlank())
                .or(() -> config.operatorToken().filter(s -> !s.isBlank()));
        if (shared.isPresent()) {
            return CursorCodec.deriveKey(shared.get());
        }
        LOG.info("paging cursors are signed with a key of this process: set scim.cursor-secret (or"
                + " scim.jwt.private-key) for cursors that every replica accepts and that survive a restart");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
