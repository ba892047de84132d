package io.scimserver.auth;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.LaunchMode;
import io.scimserver.config.ScimConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Short-lived session tokens issued at login, signed RS256 with SmallRye JWT. The key pair comes from
 * {@code scim.jwt.private-key}/{@code public-key}; without them one is generated when the first token is signed or
 * checked (at run time, never at build time), which suits dev and tests but not several replicas.
 */
@ApplicationScoped
public class SessionTokens {

    private static final Logger LOG = Logger.getLogger(SessionTokens.class);
    static final String ORG_CLAIM = "org";
    static final String STAMP_CLAIM = "cst";

    private final ScimConfig config;
    private final JWTParser parser;
    private volatile KeyPair keys;

    public SessionTokens(ScimConfig config, JWTParser parser) {
        this.config = config;
        this.parser = parser;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** The verified subject of a session token, with the credentials stamp of its user when it was issued. */
    public record Subject(UUID orgId, UUID userId, long credentialsStamp, Instant expiresAt) {
    }

    /** The user a session token names, as the store has it now. */
    public record Account(boolean exists, boolean active, boolean current, boolean admin) {
    }

    /**
     * A session token for the user, carrying {@code credentialsStamp}, the {@code users.credentials_stamp} read when
     * the user was authenticated: once a deactivation, deprovisioning, revival or password change moves the stamp on,
     * the token is refused, even if the account is active again.
     */
    public Issued issue(UUID orgId, UUID userId, long credentialsStamp) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.jwt().sessionTtl());
        String token = Jwt.issuer(config.jwt().issuer())
                .subject(userId.toString())
                .claim(ORG_CLAIM, orgId.toString())
                .claim(STAMP_CLAIM, credentialsStamp)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws()
                .sign(keys().getPrivate());
        return new Issued(token, expiresAt);
    }

    /** The subject of a token whose signature, expiry and issuer are valid; empty otherwise. */
    public Optional<Subject> verify(String token) {
        try {
            // an explicit context: parser.verify(token, key) would also apply mp.jwt.verify.* defaults, whose
            // issuer (https://quarkus.io/issuer) is not ours
            JWTAuthContextInfo ctx = new JWTAuthContextInfo(keys().getPublic(), config.jwt().issuer());
            ctx.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
            JsonWebToken jwt = parser.parse(token, ctx);
            Long stamp = switch (jwt.getClaim(STAMP_CLAIM)) {
                case JsonNumber n -> n.longValueExact();
                case Long n -> n;
                case Integer n -> n.longValue();
                case null, default -> null;
            };
            if (!config.jwt().issuer().equals(jwt.getIssuer()) || jwt.getClaim(ORG_CLAIM) == null || stamp == null) {
                return Optional.empty();
            }
            return Optional.of(new Subject(UUID.fromString(jwt.getClaim(ORG_CLAIM).toString()),
                    UUID.fromString(jwt.getSubject()), stamp, Instant.ofEpochSecond(jwt.getExpirationTime())));
        } catch (ParseException | IllegalArgumentException | ArithmeticException e) {
            LOG.debugf("session token refused: %s", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return Optional.empty();
        }
    }

    /** The user of a verified session, in one statement: whether it exists, is active, is current, is ADMIN. */
    public Account account(Subject s) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select u.active, u.credentials_stamp = ?3, %s from users u where u.id = ?1 and u.org_id = ?2
                """.formatted(AccountState.IS_ADMIN)).setParameter(1, s.userId()).setParameter(2, s.orgId())
                .setParameter(3, s.credentialsStamp()).getResultList();
        if (rows.isEmpty()) {
            return new Account(false, false, false, false);
        }
        Object[] r = rows.get(0);
        return new Account(true, (Boolean) r[0], (Boolean) r[1], (Boolean) r[2]);
    }

    private KeyPair keys() {
        KeyPair k = keys;
        if (k == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = loadOrGenerate();
                }
                k = keys;
            }
        }
        return k;
    }

    private KeyPair loadOrGenerate() {
        try {
            if (config.jwt().privateKey().isPresent() && config.jwt().publicKey().isPresent()) {
                PrivateKey priv = KeyUtils.decodePrivateKey(config.jwt().privateKey().get());
                PublicKey pub = KeyUtils.decodePublicKey(config.jwt().publicKey().get());
                return new KeyPair(pub, priv);
            }
            // a warning in production (several replicas need one key pair), expected in dev mode and tests
            LOG.log(LaunchMode.current().isDevOrTest() ? Logger.Level.INFO : Logger.Level.WARN,
                    "scim.jwt.private-key/public-key are not set: session tokens are signed with a key generated"
                    + " at start, valid only in this process");
            return KeyUtils.generateKeyPair(2048);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("scim.jwt.private-key/public-key cannot be read as PEM RSA keys", e);
        }
    }
}
