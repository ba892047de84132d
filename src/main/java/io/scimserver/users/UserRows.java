package io.scimserver.users;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The statement that stores a new SCIM user: an insert that, when the userName (case-insensitive) belongs to a
 * deprovisioned account of the organisation, revives that account instead. One statement, so PostgreSQL alone decides
 * between concurrent creates: the unique index on {@code (org_id, lower(user_name))} is the arbiter, and the row it
 * finds is locked before the deprovisioned test, so of two creates of one userName exactly one inserts or revives and
 * the other finds the userName taken. The common case, a new userName, costs what a plain insert costs.
 */
final class UserRows {

    private UserRows() {
    }

    /** What {@link #insertOrRevive} did. */
    enum Outcome {
        /** A new row: the user's id. */
        CREATED,
        /** The deprovisioned account with that userName took the user's attributes; the user now has its id. */
        REVIVED,
        /** A provisioned user has the userName: nothing was written. */
        TAKEN
    }

    private static final String INSERT_OR_REVIVE = """
            insert into users (id, org_id, user_name, external_id, display_name, active, password_hash, attributes,
                               version, created, last_modified)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), 1, ?9, ?9)
            on conflict (org_id, lower(user_name)) do update
               set user_name = excluded.user_name, external_id = excluded.external_id,
                   display_name = excluded.display_name, active = excluded.active,
                   password_hash = coalesce(excluded.password_hash, users.password_hash),
                   attributes = excluded.attributes,
                   version = users.version + 1, last_modified = excluded.last_modified, deprovisioned_at = null
             where users.deprovisioned_at is not null
            returning id, version, created""";

    /**
     * Stores {@code user} (a new, unpersisted entity with its columns set) as a create would. On {@link
     * Outcome#REVIVED} the entity takes the account's id, version and creation time; either way it stays unmanaged,
     * a copy of the row for the response. A revived account keeps its memberships of PUBLIC, ADMIN and local roles,
     * and its password unless the create sends one.
     */
    @SuppressWarnings("unchecked")
    static Outcome insertOrRevive(User user) {
        List<Object[]> rows = Panache.getEntityManager().unwrap(Session.class).createNativeQuery(INSERT_OR_REVIVE)
                .setParameter(1, user.id, UUID.class)
                .setParameter(2, user.orgId, UUID.class)
                .setParameter(3, user.userName, String.class)
                .setParameter(4, user.externalId, String.class)
                .setParameter(5, user.displayName, String.class)
                .setParameter(6, user.active, Boolean.class)
                .setParameter(7, user.passwordHash, String.class)
                .setParameter(8, user.attributes, String.class)
                .setParameter(9, user.created, Instant.class)
                .addScalar("id", UUID.class).addScalar("version", Long.class).addScalar("created", Instant.class)
                .getResultList();
        if (rows.isEmpty()) {
            return Outcome.TAKEN;
        }
        Object[] row = rows.get(0);
        if (user.id.equals(row[0])) {
            return Outcome.CREATED;
        }
        user.id = (UUID) row[0];
        user.version = (Long) row[1];
        user.created = (Instant) row[2];
        return Outcome.REVIVED;
    }
}
