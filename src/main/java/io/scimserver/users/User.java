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

    /** Any account of the organisation, deprovisioned ones included (local administration, login, sessions). */
    public static Optional<User> findInOrg(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    /** The user as SCIM sees it: a user of the organisation that is not deprovisioned. */
    public static Optional<User> findProvisioned(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2 and deprovisionedAt is null", orgId, id).firstResultOptional();
    }

    /**
     * By userName, compared as {@link Identifiers#key} compares (the unique index's {@code lower()} of the canonical
     * form); deprovisioned accounts included (they keep their userName). A name that cannot be canonical names nobody.
     */
    public static Optional<User> findByUserName(UUID orgId, String userName) {
        return Identifiers.tryCanonical(userName).flatMap(name ->
                User.<User>find("orgId = ?1 and lower(userName) = lower(?2)", orgId, name).firstResultOptional());
    }
}
