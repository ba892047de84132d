package io.scimserver.roles;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.scimserver.identity.Identifiers;
import io.scimserver.scim.protocol.ScimException;
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

    /** By name, compared as {@link Identifiers#key} compares; a name that cannot be canonical names no role. */
    public static Optional<Role> findByName(UUID orgId, String name) {
        return Identifiers.tryCanonical(name).flatMap(n ->
                Role.<Role>find("orgId = ?1 and lower(name) = lower(?2)", orgId, n).firstResultOptional());
    }

    /**
     * The canonical form of a new name for a LOCAL or PROVISIONED role; 409 uniqueness when it is, or imitates after
     * NFKC and case folding, a system role's name ({@code "ＡＤＭＩＮ"}, {@code "admin"}); 400 when it is no identifier.
     */
    public static String nonSystemName(String attribute, String name, String fix) {
        String canonical = Identifiers.canonical(attribute, name);
        for (String system : new String[] { PUBLIC, ADMIN }) {
            if (Identifiers.imitates(canonical, system)) {
                throw ScimException.uniqueness("\"" + canonical + "\" is, or looks like, the name of the system role "
                        + system + "; " + fix);
            }
        }
        return canonical;
    }

    /** The organisation's PUBLIC or ADMIN role, which the organisation is created with. */
    public static Role system(UUID orgId, String name) {
        return find("orgId = ?1 and source = ?2 and name = ?3", orgId, RoleSource.SYSTEM, name).singleResult();
    }
}
