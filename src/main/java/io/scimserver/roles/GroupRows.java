package io.scimserver.roles;

import io.scimserver.audit.Audit;
import io.scimserver.store.NumberedStatement;
import io.scimserver.store.SessionStatements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The row of a SCIM group read, locked, updated and deleted with plain JDBC, for the requests Entra sends most after
 * its first cycle: a group PATCH adding or removing a member, and {@code GET /Groups/{id}}. Through Hibernate, the
 * entity's load with its lock and its flush were half of such a PATCH's CPU (BENCHMARKS.md); here each is one
 * statement, run on the session's connection ({@link SessionStatements}), as {@link Memberships}'s are, and an update
 * writes the request's audit row with it. The {@link Role}s returned are unmanaged copies of the row: changing one
 * changes nothing until {@link #update}.
 */
final class GroupRows {

    private static final String COLUMNS = "id, org_id, name, source, external_id, attributes::text, version, created,"
            + " last_modified";
    private static final NumberedStatement FIND = NumberedStatement.of("select " + COLUMNS
            + " from roles where id = ?1 and org_id = ?2 and source = 'PROVISIONED'");
    private static final NumberedStatement LOCK = NumberedStatement.of("select " + COLUMNS
            + " from roles where id = ?1 and org_id = ?2 and source = 'PROVISIONED' for update");
    private static final NumberedStatement UPDATE_AUDITED = NumberedStatement.of("""
            with written as (
                update roles set name = ?2, external_id = ?3, attributes = cast(?4 as jsonb), version = ?5,
                                 last_modified = ?6
                 where id = ?1)
            """ + Audit.insertAt(7));
    private static final NumberedStatement DELETE = NumberedStatement.of("delete from roles where id = ?1");

    private GroupRows() {
    }

    /** The organisation's SCIM group with that id. */
    static Optional<Role> find(UUID orgId, UUID id) {
        return SessionStatements.one(FIND, GroupRows::role, id, orgId);
    }

    /** As {@link #find}, row-locked until the transaction ends: the caller's transaction, which must be active. */
    static Optional<Role> lock(UUID orgId, UUID id) {
        return SessionStatements.one(LOCK, GroupRows::role, id, orgId);
    }

    /**
     * Writes the role's name, externalId, attributes, version and lastModified and, in the same statement, the
     * request's audit row. Unique violations propagate, and then neither row is written.
     */
    static void update(Role role, Audit.Row audit) {
        SessionStatements.update(UPDATE_AUDITED, audit.after(role.id, role.name, role.externalId, role.attributes,
                role.version, role.lastModified));
    }

    /** Deletes the role; its memberships go with it (foreign keys, on delete cascade). */
    static void delete(UUID id) {
        SessionStatements.update(DELETE, id);
    }

    private static Role role(ResultSet rs) throws SQLException {
        Role role = new Role();
        role.id = rs.getObject(1, UUID.class);
        role.orgId = rs.getObject(2, UUID.class);
        role.name = rs.getString(3);
        role.source = RoleSource.valueOf(rs.getString(4));
        role.externalId = rs.getString(5);
        role.attributes = rs.getString(6);
        role.version = rs.getLong(7);
        role.created = rs.getObject(8, OffsetDateTime.class).toInstant();
        role.lastModified = rs.getObject(9, OffsetDateTime.class).toInstant();
        return role;
    }
}
