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
    /**
     * {@code last_used_at} is written at most this often per token; it is written when the database checks the token,
     * which a cached check ({@link CredentialCache}) postpones by up to {@code scim.auth-cache.max-age}.
     */
    static final int LAST_USED_RESOLUTION_SECONDS = 60;

    /** Copied for each hash: looking the algorithm up among the providers cost more than hashing. */
    private static final MessageDigest SHA_256 = sha256();

    private final SecureRandom random = new SecureRandom();
    private final CredentialChanges changes;

    public PersonalAccessTokens(CredentialChanges changes) {
        this.changes = changes;
    }

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
        changes.changed(userId);
        return Panache.getEntityManager().createNativeQuery(
                "update access_tokens set revoked_at = ?1 where user_id = ?2 and revoked_at is null")
                .setParameter(1, StoreClock.now()).setParameter(2, userId).executeUpdate();
    }

    /** A token as its owner and the organisation's admins see it: never its secret (which is not stored). */
    public record Info(UUID id, String label, Instant created, Instant expiresAt, Instant lastUsedAt) {
        static Info of(AccessToken t) {
            return new Info(t.id, t.label, t.created, t.expiresAt, t.lastUsedAt);
        }
    }

    /** The user's tokens that are not revoked, newest first. */
    public List<Info> unrevoked(UUID orgId, UUID userId) {
        return AccessToken.<AccessToken>find(
                "orgId = ?1 and userId = ?2 and revokedAt is null order by created desc, id", orgId, userId)
                .stream().map(Info::of).toList();
    }

    /** Revokes one unrevoked token of the user; empty when the user has no such token. Must run in a transaction. */
    public Optional<Info> revoke(UUID orgId, UUID userId, UUID tokenId) {
        Optional<AccessToken> token = AccessToken.<AccessToken>find(
                "id = ?1 and orgId = ?2 and userId = ?3 and revokedAt is null", tokenId, orgId, userId)
                .firstResultOptional();
        token.ifPresent(t -> {
            t.revokedAt = StoreClock.now();
            changes.changed(userId);
        });
        return token.map(Info::of);
    }

    public static boolean looksLikeToken(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    /**
     * Looks the token up by its hash, with its owner's state, in one statement. The same statement stamps the token's
     * {@code last_used_at} when it may pass and was last stamped over {@value #LAST_USED_RESOLUTION_SECONDS} seconds
     * ago: a write at most once a minute per token, never an extra round trip.
     */
    public Optional<Resolved> resolve(byte[] hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                with token as (
                    select t.id, t.org_id, t.user_id, t.expires_at, t.revoked_at, u.active, t.token_hash,
                           %s as admin
                    from access_tokens t join users u on u.id = t.user_id and u.org_id = t.org_id
                    where t.token_hash = ?1
                ), used as (
                    update access_tokens a set last_used_at = now()
                      from token t
                     where a.id = t.id and t.active and t.revoked_at is null
                       and (t.expires_at is null or t.expires_at > now())
                       and (a.last_used_at is null or a.last_used_at <= now() - ?2 * interval '1 second')
                )
                select id, org_id, user_id, expires_at, revoked_at, active, token_hash, admin from token
                """.formatted(AccountState.IS_ADMIN)).setParameter(1, hash)
                .setParameter(2, LAST_USED_RESOLUTION_SECONDS).getResultList();
        if (rows.isEmpty() || !MessageDigest.isEqual(hash, (byte[]) rows.get(0)[6])) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Resolved((UUID) r[0], (UUID) r[1], (UUID) r[2], AccountState.toInstant(r[3]),
                AccountState.toInstant(r[4]), (Boolean) r[5], (Boolean) r[7]));
    }

    static byte[] hash(String secret) {
        try {
            return ((MessageDigest) SHA_256.clone()).digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of this JVM cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
