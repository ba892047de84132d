package io.scimserver.users;

import io.agroal.api.AgroalDataSource;
import io.scimserver.audit.Audit;
import io.scimserver.roles.Role;
import io.scimserver.store.NumberedStatement;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

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
 * inserts or revives and the other finds the userName taken. A revival runs the statement twice (below), and the
 * second run decides afresh: a namesake another create revived in between is live, so this create finds the userName
 * taken; one deleted in between leaves a new user. A create of a new userName costs what a plain insert
 * costs, plus one probe of the (small) index of deprovisioned userNames.
 * <p>
 * The same statement puts the user in the organisation's PUBLIC role and, for a new user, writes the create's audit
 * row. It runs with plain JDBC on the service's pool: outside a transaction it autocommits, so a create of a new user
 * is one round trip and one commit, with no entity, session or transaction manager (issue #18), and what the
 * statement writes commits or rolls back as one (a failing audit insert leaves no user). A revival is not done that
 * way: its audit row names what it took away (roles, tokens), which the caller learns only after the statement, so
 * the autocommitted statement only reports {@link Revivable} and writes nothing, and the caller revives in a
 * transaction, where the same statement (on the transaction's connection) revives and the caller writes the rest.
 */
@Singleton
class UserRows {

    private final DataSource dataSource;

    UserRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #insertOrRevive} did. */
    sealed interface Outcome {
    }

    /** A new row, with its PUBLIC membership and its audit row. */
    record Created() implements Outcome {
    }

    /** The deprovisioned account with that userName and externalId took the user's attributes, and its id. */
    record Revived() implements Outcome {
    }

    /**
     * Nothing was written: the userName and externalId are a deprovisioned account's, which only a create that may
     * revive ({@code revive} true, in a transaction) takes.
     */
    record Revivable() implements Outcome {
    }

    /** A live user has the userName: nothing was written. */
    record Taken() implements Outcome {
    }

    private static final NumberedStatement INSERT_OR_REVIVE = NumberedStatement.of("""
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
                 where u.id = n.id and n.external_id = ?4 and ?17
                returning u.id, u.version, u.created
            ), inserted as (
                insert into users (id, org_id, user_name, external_id, display_name, active, password_hash, attributes,
                                   version, created, last_modified)
                select ?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), 1, ?9, ?9
                 where not exists (select 1 from namesake n where n.external_id = ?4)
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
                select ?2, ?11, cast(?12 as uuid), cast(?13 as uuid), 'User', i.id::text, 'create', ?14, null, ?15,
                       cast(?16 as jsonb) || coalesce((select jsonb_build_object('deprovisionedNamesake', n.id::text)
                                                         from namesake n), '{}'::jsonb)
                  from inserted i
            )
            select 'revived' as outcome, id, version, created from revived
            union all
            select 'created', id, version, created from inserted
            union all
            select 'revivable', null, null, null from namesake n where n.external_id = ?4 and not ?17
            """.formatted(Audit.COLUMNS));

    /**
     * Stores {@code user} (a new, unpersisted entity with its columns set) as a create would, member of PUBLIC, and
     * on {@link Created} writes {@code audit} (its resource id is the user's; {@code deprovisionedNamesake} is added
     * to its summary when the userName is also a deprovisioned account's, which stays apart). With {@code revive},
     * on {@link Revived} the entity takes the account's id, version and creation time, and the caller takes the
     * account out of every role but PUBLIC and writes the audit row; without, that case is {@link Revivable} and
     * nothing is written. Either way the entity stays unmanaged, a copy of the row for the response.
     */
    Outcome insertOrRevive(User user, Audit.Row audit, boolean revive) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = INSERT_OR_REVIVE.prepare(c, user.id, user.orgId, user.userName,
                        user.externalId, user.displayName, user.active, user.passwordHash, user.attributes,
                        user.created, Role.PUBLIC, audit.actorKind(), audit.actorUserId(), audit.actorTokenId(),
                        audit.outcome(), audit.requestId(), audit.summary(), revive);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new Taken();
            }
            return switch (rs.getString(1)) {
                case "created" -> new Created();
                case "revivable" -> new Revivable();
                default -> {
                    user.id = rs.getObject(2, UUID.class);
                    user.version = rs.getLong(3);
                    user.created = rs.getObject(4, OffsetDateTime.class).toInstant();
                    yield new Revived();
                }
            };
        } catch (SQLException e) {
            if (isUserNameTaken(e)) {
                // a live account took the userName while this create revived its deprovisioned namesake
                return new Taken();
            }
            throw NumberedStatement.failed(e);
        }
    }

    private static boolean isUserNameTaken(SQLException e) {
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return "23505".equals(e.getSQLState()) && m != null && "users_user_name_uk".equals(m.getConstraint());
    }
}
