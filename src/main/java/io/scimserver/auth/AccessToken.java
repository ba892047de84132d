package io.scimserver.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A personal access token. Only the SHA-256 of its secret is stored; the secret is shown once, at issue. */
@Entity
@Table(name = "access_tokens")
public class AccessToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "user_id")
    public UUID userId;

    public String label;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    public Instant created;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;
}
