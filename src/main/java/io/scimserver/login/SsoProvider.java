package io.scimserver.login;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The identity provider an organisation trusts for SSO: its issuer, the audience it mints for, and its key. */
@Entity
@Table(name = "sso_providers")
public class SsoProvider extends PanacheEntityBase {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    public String issuer;

    public String audience;

    /** A JWKS document, or null when {@link #publicKeyPem} is set. */
    public String jwks;

    @Column(name = "public_key_pem")
    public String publicKeyPem;

    public Instant updated;

    public static Optional<SsoProvider> findByIssuer(String issuer) {
        return find("issuer", issuer).firstResultOptional();
    }
}
