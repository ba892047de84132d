package io.scimserver.users;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.audit.Audit;
import io.scimserver.roles.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The statement that stores a new SCIM user. Revival is not inheritance: when the userName (case-insensitive) belongs
 * to a deprovisioned account of the organisation whose {@code externalId} equals the request's (the same person at the
 * identity provider), that account is provisioned again, with nothing that granted access: no password unless the
 * request sets one, no SSO binding (and its tokens were revoked at deprovisioning). Any other create makes a new user
 * with a new id, and the deprovisioned namesake stays as it is.
 * <p>
 * One statement, so PostgreSQL alone decides between concurrent creates: the namesake is row-locked before it is
 * revived (a second revival finds it provisioned and falls through to the insert), and the unique index on the live
 * accounts' {@code (org_id, lower(user_name))} is the arbiter of inserts, so of two creates of one userName exactly one
 * inserts or revives and the other finds the userName taken. A create of a new userName costs what a plain insert
 * costs, plus one probe of the (small) index of deprovisioned userNames.
 * <p>
 * The same statement puts the user in the organisation's PUBLIC role and, for a new user, writes the create's audit
 * row: one round trip for the whole create, and what one statement writes commits or rolls back as one (a failing
 * audit insert leaves no user). A revival's audit row names what the revival took away, which the caller learns only
 * after the statement, so the caller writes that one.
 */
final class UserRows {

    private UserRows() {
    }

    /** What {@link #insertOrRevive} did. */
    sealed interface Outcome {
    }

    /** A new row: the user's id. {@code namesake} is a deprovisioned account with the userName, kept, or null. */
    record Created(UUID namesake) implements Outcome {
    }

    /** The deprovisioned account with that userName and externalId took the user's attributes, and its id. */
    record Revived() implements Outcome {
    }

    /** A live user has the userName: nothing was written. */
    record Taken() implements Outcome {
    }

    private static final String INSERT_OR_REVIVE = """
            with namesake as materialized (
                select id, external_id from users
                 where org_id = ?2 and lower(user_name) = lower(?3) and deprovisioned_at is not null
                   and not exists (select 1 from users l where l.org_id = ?2 and lower(l.user_name) = lower(?3)
                                   and l.deprovisioned_at is null)
                 order by (external_id = ?4) is true desc, deprovisioned_at desc
                 limit 1
                   for update
            ), revived as (
                update users u
                   set user_name = ?3, external_id = ?4, display_name = ?5, active = ?6, password_hash = ?7,
                       attributes = cast(?8 as jsonb), version = u.version + 1, last_modified = ?9,
                       deprovisioned_at = null, sso_issuer = null, sso_subject = null
                  from namesake n
                 where u.id = n.id and n.external_id = ?4
                returning u.id, u.version, u.created
            ), inserted as (
                insert into users (id, org_id, user_name, external_id, display_name, active, password_hash, attributes,
                                   version, created, last_modified)
                select ?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), 1, ?9, ?9
                 where not exists (select 1 from revived)
                on conflict (org_id, lower(user_name)) where deprovisioned_at is null do nothing
                returning id, version, created
            ), public_role as (
                insert into memberships (role_id, user_id, org_id, created)
                select r.id, s.id, ?2, now()
                  from (select id from revived union all select id from inserted) s
                  join roles r on r.org_id = ?2 and r.source = 'SYSTEM' and r.name = ?10
                on conflict do nothing
            ), audited as (
                insert into audit_events (%s)
                select ?2, ?11, ?12, ?13, 'User', i.id::text, 'create', ?14, null, ?15,
                       cast(?16 as jsonb) || coalesce((select jsonb_build_object('deprovisionedNamesake', n.id::text)
                                                         from namesake n), '{}'::jsonb)
                  from inserted i
            )
            select id, version, created, true as revived, null::uuid as namesake from revived
            union all
            select i.id, i.version, i.created, false, (select n.id from namesake n) from inserted i
            """.formatted(Audit.COLUMNS);

    /**
     * Stores {@code user} (a new, unpersisted entity with its columns set) as a create would, member of PUBLIC, and
     * on {@link Created} writes {@code audit} (its resource id is the user's; {@code deprovisionedNamesake} is added
     * to its summary when there is one). On {@link Revived} the entity takes the account's id, version and creation
     * time, and the caller takes the account out of every role but PUBLIC and writes the audit row; either way the
     * entity stays unmanaged, a copy of the row for the response.
     */
    static Outcome insertOrRevive(User user, Audit.Row audit) {
        try {
            return run(user, audit);
        } catch (ConstraintViolationException e) {
            if (e.getKind() != ConstraintViolationException.ConstraintKind.UNIQUE
                    || !"users_user_name_uk".equals(e.getConstraintName())) {
                throw e;
            }
            // a live account took the userName while this create revived its deprovisioned namesake
            return new Taken();
        }
    }

    @SuppressWarnings("unchecked")
    private static Outcome run(User user, Audit.Row audit) {
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
                .setParameter(10, Role.PUBLIC, String.class)
                .setParameter(11, audit.actorKind(), String.class)
                .setParameter(12, audit.actorUserId(), UUID.class)
                .setParameter(13, audit.actorTokenId(), UUID.class)
                .setParameter(14, audit.outcome(), String.class)
                .setParameter(15, audit.requestId(), String.class)
                .setParameter(16, audit.summary(), String.class)
                .addScalar("id", UUID.class).addScalar("version", Long.class).addScalar("created", Instant.class)
                .addScalar("revived", Boolean.class).addScalar("namesake", UUID.class)
                .getResultList();
        if (rows.isEmpty()) {
            return new Taken();
        }
        Object[] row = rows.get(0);
        if (!(Boolean) row[3]) {
            return new Created((UUID) row[4]);
        }
        user.id = (UUID) row[0];
        user.version = (Long) row[1];
        user.created = (Instant) row[2];
        return new Revived();
    }
}
