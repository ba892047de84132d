package io.scimserver.users;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.scimserver.identity.Identifiers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A person of an organisation. The SCIM attributes live in {@link #attributes} as the identity provider sent them
 * (canonical JSON); the ones the store indexes, constrains or checks at login are also columns. An account the identity
 * provider deleted is kept, deactivated, with {@link #deprovisionedAt} set: it no longer exists for SCIM, and only a
 * local admin deletes it completely.
 */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "display_name")
    public String displayName;

    public boolean active;

    @Column(name = "password_hash")
    public String passwordHash;

    @JdbcTypeCode(SqlTypes.JSON)
    public String attributes;

    public long version;

    public Instant created;

    @Column(name = "last_modified")
    public Instant lastModified;

    /** When SCIM deleted the account; null while it is provisioned. A deprovisioned account is never active. */
    @Column(name = "deprovisioned_at")
    public Instant deprovisionedAt;

    /**
     * Counts the events that ended the user's sessions: deactivation, deprovisioning, revival, a password change. A
     * trigger of the store moves it on; a session token carries the value it was issued under.
     */
    @Column(name = "credentials_stamp", insertable = false, updatable = false)
    public long credentialsStamp;

    /** The identity provider's issuer and immutable subject this account is bound to for SSO; null until bound. */
    @Column(name = "sso_issuer")
    public String ssoIssuer;

    @Column(name = "sso_subject")
    public String ssoSubject;

    /** Any account of the organisation, deprovisioned ones included (local administration, login, sessions). */
    public static Optional<User> findInOrg(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    /**
     * The live account with this userName, compared as {@link Identifiers#key} compares (the unique index's {@code
     * lower()} of the canonical form). Deprovisioned accounts keep their userName but hold it no longer: several of
     * them and one live account may share it. A name that cannot be canonical names nobody. Native SQL, as
     * {@code Organization.findByName}: the bootstrap of a new database runs it before the service listens.
     */
    public static Optional<User> findByUserName(UUID orgId, String userName) {
        return Identifiers.tryCanonical(userName).flatMap(name -> getEntityManager().createNativeQuery("""
                select * from users where org_id = ?1 and lower(user_name) = lower(?2) and deprovisioned_at is null
                """, User.class).setParameter(1, orgId).setParameter(2, name).setMaxResults(1).getResultStream()
                .map(User.class::cast).findFirst());
    }

    /** The account bound to an identity provider's subject at its first SSO login, deprovisioned ones included. */
    public static Optional<User> findBySsoSubject(UUID orgId, String issuer, String subject) {
        return find("orgId = ?1 and ssoIssuer = ?2 and ssoSubject = ?3", orgId, issuer, subject).firstResultOptional();
    }
}
