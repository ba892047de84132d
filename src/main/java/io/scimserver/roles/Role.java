package io.scimserver.roles;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.scimserver.web.StoreClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A role of an organisation. SCIM groups are roles whose {@link #source} is {@link RoleSource#PROVISIONED}. */
@Entity
@Table(name = "roles")
public class Role extends PanacheEntityBase {

    public static final String PUBLIC = "PUBLIC";
    public static final String ADMIN = "ADMIN";

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    public String name;

    @Enumerated(EnumType.STRING)
    public RoleSource source;

    @Column(name = "external_id")
    public String externalId;

    @JdbcTypeCode(SqlTypes.JSON)
    public String attributes;

    public long version;

    public Instant created;

    @Column(name = "last_modified")
    public Instant lastModified;

    /** A new role, version 1, created now; the caller sets its name (and attributes) and persists it. */
    public static Role newRole(UUID orgId, RoleSource source) {
        Role role = new Role();
        role.id = UUID.randomUUID();
        role.orgId = orgId;
        role.source = source;
        role.attributes = "{}";
        role.version = 1;
        role.created = StoreClock.now();
        role.lastModified = role.created;
        return role;
    }

    public static Optional<Role> findInOrg(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    public static Optional<Role> findByName(UUID orgId, String name) {
        return find("orgId = ?1 and lower(name) = lower(?2)", orgId, name).firstResultOptional();
    }

    /** The organisation's PUBLIC or ADMIN role, which the organisation is created with. */
    public static Role system(UUID orgId, String name) {
        return find("orgId = ?1 and source = ?2 and name = ?3", orgId, RoleSource.SYSTEM, name).singleResult();
    }
}
