package io.scimserver.login;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The identity provider an organisation trusts for SSO: its issuer, the audience it mints for, its tenant, its key,
 * and how a first login finds its account. Keyed by organisation only: two organisations may trust one issuer, and
 * neither can keep the other from it.
 */
@Entity
@Table(name = "sso_providers")
public class SsoProvider extends PanacheEntityBase {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    public String issuer;

    public String audience;

    /** A pasted JWKS document; null when {@link #publicKeyPem} is set or the keys come from the issuer's jwks_uri. */
    public String jwks;

    /** A pasted PEM public key; null when {@link #jwks} is set or the keys come from the issuer's jwks_uri. */
    @Column(name = "public_key_pem")
    public String publicKeyPem;

    /** The tenant ({@code tid}) every ID token must carry, or null for an issuer without tenants. */
    @Column(name = "tenant_id")
    public String tenantId;

    /** The claim that holds the SCIM userName, for an account's first SSO login. */
    @Column(name = "user_claim")
    public String userClaim;

    /** Whether an {@code email} claim without {@code email_verified: true} may match a userName too. */
    @Column(name = "trust_unverified_email")
    public boolean trustUnverifiedEmail;

    public Instant updated;

    /** Where this provider's keys come from. */
    public KeySource keySource() {
        return jwks != null ? KeySource.JWKS : publicKeyPem != null ? KeySource.PEM : KeySource.DISCOVERY;
    }

    public enum KeySource {
        /** a pasted JWKS document */
        JWKS,
        /** a pasted PEM public key */
        PEM,
        /** the issuer's OpenID configuration ({@code jwks_uri}), cached and refetched on an unknown {@code kid} */
        DISCOVERY
    }
}
