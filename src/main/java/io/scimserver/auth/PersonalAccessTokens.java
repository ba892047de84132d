package io.scimserver.auth;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.web.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and resolves personal access tokens. A token is {@code scim_} followed by 256 random bits; the store keeps
 * only its SHA-256, so a database leak reveals no usable token. The secret has full entropy, which is why a plain
 * hash (not a slow password hash) is the right tool and why an index lookup by hash leaks nothing useful by timing.
 */
@ApplicationScoped
public class PersonalAccessTokens {

    static final String PREFIX = "scim_";

    private final SecureRandom random = new SecureRandom();

    /** A freshly issued token; {@code secret} is shown to its owner once and never again. */
    public record Issued(UUID id, String secret, Instant expiresAt) {
    }

    /** What a presented token resolves to, before the caller decides whether it may pass. */
    public record Resolved(UUID tokenId, UUID orgId, UUID userId, Instant expiresAt, Instant revokedAt,
            boolean ownerActive, boolean ownerAdmin) {
    }

    public Issued issue(UUID orgId, UUID userId, String label, Integer expiresInDays) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AccessToken token = new AccessToken();
        token.id = UUID.randomUUID();
        token.orgId = orgId;
        token.userId = userId;
        token.label = label;
        token.tokenHash = hash(secret);
        token.created = StoreClock.now();
        token.expiresAt = expiresInDays == null ? null : token.created.plus(expiresInDays, ChronoUnit.DAYS);
        token.persist();
        return new Issued(token.id, secret, token.expiresAt);
    }

    /** Revokes every token of the user that is not revoked yet; returns how many. */
    public int revokeAll(UUID userId) {
        return Panache.getEntityManager().createNativeQuery(
                "update access_tokens set revoked_at = ?1 where user_id = ?2 and revoked_at is null")
                .setParameter(1, StoreClock.now()).setParameter(2, userId).executeUpdate();
    }

    public static boolean looksLikeToken(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    /** Looks the token up by its hash, with its owner's state, in one query. */
    public Optional<Resolved> resolve(String secret) {
        byte[] hash = hash(secret);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select t.id, t.org_id, t.user_id, t.expires_at, t.revoked_at, u.active, t.token_hash,
                       exists (select 1 from memberships m join roles r on r.id = m.role_id
                               where m.user_id = u.id and r.org_id = t.org_id
                                 and r.source = 'SYSTEM' and r.name = 'ADMIN') as admin
                from access_tokens t join users u on u.id = t.user_id
                where t.token_hash = ?1
                """).setParameter(1, hash).getResultList();
        if (rows.isEmpty() || !MessageDigest.isEqual(hash, (byte[]) rows.get(0)[6])) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Resolved((UUID) r[0], (UUID) r[1], (UUID) r[2], toInstant(r[3]), toInstant(r[4]),
                (Boolean) r[5], (Boolean) r[7]));
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
