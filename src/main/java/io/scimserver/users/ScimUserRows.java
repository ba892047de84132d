package io.scimserver.users;

import io.scimserver.audit.Audit;
import io.scimserver.roles.Memberships;
import io.scimserver.store.NumberedStatement;
import io.scimserver.store.SessionStatements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The row of a provisioned user read, locked and updated with plain JDBC, for SCIM's requests on one user after its
 * create ({@link UserRows}): Entra's PATCH of an attribute or of {@code active}, PUT, DELETE and {@code GET
 * /Users/{id}}. Through Hibernate, the entity's load with its lock and its flush cost more than PostgreSQL's work on
 * them, as they did for groups (BENCHMARKS.md); here each is one statement on the session's connection
 * ({@link SessionStatements}), and a user comes with its SCIM groups, so a PATCH is three round trips: the locked
 * row with the groups of its response, the update with its audit row, the commit. The {@link User}s returned are
 * unmanaged copies of the row: changing one changes nothing until {@link #update}.
 */
final class ScimUserRows {

    private static final String COLUMNS = "id, org_id, user_name, external_id, display_name, active, password_hash,"
            + " attributes::text, version, created, last_modified, deprovisioned_at, credentials_stamp, sso_issuer,"
            + " sso_subject, " + Memberships.groupsColumn("u");
    private static final NumberedStatement FIND = NumberedStatement.of("select " + COLUMNS
            + " from users u where id = ?1 and org_id = ?2 and deprovisioned_at is null");
    private static final NumberedStatement LOCK = NumberedStatement.of("select " + COLUMNS
            + " from users u where id = ?1 and org_id = ?2 and deprovisioned_at is null for update of u");
    private static final String UPDATE = """
            update users set user_name = ?2, external_id = ?3, display_name = ?4, active = ?5, password_hash = ?6,
                             attributes = cast(?7 as jsonb), version = ?8, last_modified = ?9,
                             deprovisioned_at = cast(?10 as timestamptz)
             where id = ?1""";
    private static final NumberedStatement UPDATE_AUDITED = NumberedStatement.of("with written as (" + UPDATE + ") "
            + Audit.insertAt(11));

    private ScimUserRows() {
    }

    /** The organisation's provisioned (not deprovisioned) user with that id, and its SCIM groups. */
    static Optional<StoredUser> find(UUID orgId, UUID id) {
        return SessionStatements.one(FIND, ScimUserRows::stored, id, orgId);
    }

    /**
     * As {@link #find}, the user's row locked until the transaction ends: the caller's transaction, which must be
     * active. A request that changes a user changes none of its groups, so the groups read here are those of the
     * response.
     */
    static Optional<StoredUser> lock(UUID orgId, UUID id) {
        return SessionStatements.one(LOCK, ScimUserRows::stored, id, orgId);
    }

    /**
     * Writes the columns a SCIM write changes (userName, externalId, displayName, active, password hash, attributes,
     * version, lastModified and the deprovisioning time) and, in the same statement, the request's audit row. The
     * store's triggers move the credentials stamp and announce the change to every replica as they do for any update.
     * Unique violations propagate, and then neither row is written.
     */
    static void update(User user, Audit.Row audit) {
        SessionStatements.update(UPDATE_AUDITED, audit.after(user.id, user.userName, user.externalId,
                user.displayName, user.active, user.passwordHash, user.attributes, user.version, user.lastModified,
                user.deprovisionedAt));
    }

    private static StoredUser stored(ResultSet rs) throws SQLException {
        User user = user(rs);
        return new StoredUser(user, Memberships.groupsFromColumn(user.id, rs.getString(16)));
    }

    private static User user(ResultSet rs) throws SQLException {
        User user = new User();
        user.id = rs.getObject(1, UUID.class);
        user.orgId = rs.getObject(2, UUID.class);
        user.userName = rs.getString(3);
        user.externalId = rs.getString(4);
        user.displayName = rs.getString(5);
        user.active = rs.getBoolean(6);
        user.passwordHash = rs.getString(7);
        user.attributes = rs.getString(8);
        user.version = rs.getLong(9);
        user.created = rs.getObject(10, OffsetDateTime.class).toInstant();
        user.lastModified = rs.getObject(11, OffsetDateTime.class).toInstant();
        OffsetDateTime deprovisioned = rs.getObject(12, OffsetDateTime.class);
        user.deprovisionedAt = deprovisioned == null ? null : deprovisioned.toInstant();
        user.credentialsStamp = rs.getLong(13);
        user.ssoIssuer = rs.getString(14);
        user.ssoSubject = rs.getString(15);
        return user;
    }
}
