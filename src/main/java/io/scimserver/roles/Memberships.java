package io.scimserver.roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.auth.CredentialChanges;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.store.NumberedStatement;
import io.scimserver.store.SessionStatements;
import io.scimserver.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Membership changes as set operations in SQL: each costs O(number of users named), never O(role size). Callers run
 * them inside their request's transaction. The statements of SCIM's requests run with plain JDBC
 * ({@link SessionStatements}); the rarer ones of the admin API and of deprovisioning as Hibernate native queries.
 */
@ApplicationScoped
public class Memberships {

    private final CredentialChanges credentials;

    public Memberships(CredentialChanges credentials) {
        this.credentials = credentials;
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    private static final NumberedStatement ADD = NumberedStatement.of("""
            with named as materialized (
                select id, org_id from users where id = any(?3) and deprovisioned_at is null for share
            ), unknown as (
                select x.id from unnest(?3) as x(id)
                 where not exists (select 1 from named n where n.id = x.id and n.org_id = ?2)
            ), added as (
                insert into memberships (role_id, user_id, org_id, created)
                select ?1, n.id, ?2, now() from named n where n.org_id = ?2 and not exists (select 1 from unknown)
                on conflict do nothing
                returning 1
            )
            select (select count(*) from added)::int, (select array_agg(id) from unknown)
            """);
    private static final NumberedStatement REMOVE = NumberedStatement.of(
            "delete from memberships where role_id = ?1 and user_id = any(?2)");
    private static final NumberedStatement CLEAR = NumberedStatement.of("delete from memberships where role_id = ?1");
    private static final NumberedStatement MEMBERS_OF = NumberedStatement.of("""
            select u.id, coalesce(u.display_name, u.user_name) from memberships m join users u on u.id = m.user_id
            where m.role_id = ?1 order by m.created, m.user_id
            """);

    /** What {@link #add} did: the memberships it created, or, when some users were not found, nothing. */
    public record Added(int count, List<UUID> unknownUsers) {
    }

    /**
     * Adds the users to the role, skipping those already in it, when all of them are provisioned users of the
     * organisation; else adds none and returns the others (unknown, of another organisation, or deprovisioned), for
     * the caller to refuse the request. One statement, so one round trip.
     * <p>
     * The users found stay share-locked until the transaction ends, so none of them can be deprovisioned before the
     * memberships commit: a deprovisioning leaves its PROVISIONED roles, and must not miss one being added meanwhile.
     * They are found by primary key first (the materialized CTE) and only then checked against the organisation.
     * Written as {@code where org_id = ? and id = any(?)}, PostgreSQL reads every user of the organisation when its
     * statistics predate the organisation's users, which is exactly the state of a tenant during its first Entra cycle
     * (see BENCHMARKS.md, workload 5).
     */
    public Added add(UUID orgId, UUID roleId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return new Added(0, List.of());
        }
        credentials.changed(userIds); // joining ADMIN widens what a cached credential allows
        return SessionStatements.one(ADD, rs -> {
            Array unknown = rs.getArray(2);
            return new Added(rs.getInt(1), unknown == null ? List.of() : List.of((UUID[]) unknown.getArray()));
        }, roleId, orgId, userIds.toArray(UUID[]::new)).orElseThrow();
    }

    /** Puts the user in the organisation's PUBLIC or ADMIN role. */
    public void addToSystemRole(UUID orgId, UUID userId, String roleName) {
        credentials.changed(userId);
        em().createNativeQuery("""
                insert into memberships (role_id, user_id, org_id, created)
                select r.id, ?1, ?2, now() from roles r where r.org_id = ?2 and r.source = 'SYSTEM' and r.name = ?3
                on conflict do nothing
                """).setParameter(1, userId).setParameter(2, orgId).setParameter(3, roleName).executeUpdate();
    }

    /** Removes the users from the role; returns how many memberships were removed. */
    public int remove(UUID roleId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return 0;
        }
        credentials.changed(userIds); // leaving ADMIN ends what a cached credential allowed
        return SessionStatements.update(REMOVE, roleId, userIds.toArray(UUID[]::new));
    }

    /**
     * Takes a user out of every PROVISIONED role (SCIM group), keeping SYSTEM and LOCAL ones, and bumps the version (so
     * the ETag) of each group it left; returns how many it left. Call {@link #lockProvisionedRolesOf} first: the groups
     * locked there are bumped here for sure. A group the user joined meanwhile and that another writer holds right now
     * is skipped rather than waited for (waiting, with the user locked, could deadlock with a group PATCH that holds
     * the group and waits for the user); its writer moves its version on if it changes it.
     */
    public int leaveProvisionedRoles(UUID orgId, UUID userId, Instant now) {
        return ((Number) em().createNativeQuery("""
                with left_roles as (
                    delete from memberships m using roles r
                     where m.user_id = ?1 and m.org_id = ?2 and r.id = m.role_id and r.source = 'PROVISIONED'
                    returning m.role_id
                ), bumped as (
                    update roles set version = version + 1, last_modified = ?3
                     where id in (select id from roles where org_id = ?2 and id in (select role_id from left_roles)
                                  for update skip locked)
                    returning id
                )
                select count(*) from left_roles
                """).setParameter(1, userId).setParameter(2, orgId).setParameter(3, now).getSingleResult()).intValue();
    }

    /**
     * Row-locks the SCIM groups the user is in, in id order, until the transaction ends: a deprovisioning takes them
     * before the user, as a group PATCH does, so that bumping their versions cannot deadlock with a PATCH.
     */
    public void lockProvisionedRolesOf(UUID orgId, UUID userId) {
        em().createNativeQuery("""
                select r.id from roles r join memberships m on m.role_id = r.id
                 where m.user_id = ?1 and m.org_id = ?2 and r.source = 'PROVISIONED'
                 order by r.id for update of r
                """).setParameter(1, userId).setParameter(2, orgId).getResultList();
    }

    /** Takes a user out of every role but PUBLIC (a revived account gets no role back); returns how many it left. */
    public int leaveAllButPublic(UUID orgId, UUID userId) {
        credentials.changed(userId);
        return em().createNativeQuery("""
                delete from memberships m using roles r
                 where m.user_id = ?1 and m.org_id = ?2 and r.id = m.role_id
                   and not (r.source = 'SYSTEM' and r.name = ?3)
                """).setParameter(1, userId).setParameter(2, orgId).setParameter(3, Role.PUBLIC).executeUpdate();
    }

    /** Removes every member of the role: not ADMIN's (a SYSTEM role is never emptied), so no credential changes. */
    public int clear(UUID roleId) {
        return SessionStatements.update(CLEAR, roleId);
    }

    /** A provisioned role (SCIM group) a user belongs to. */
    public record GroupOfUser(UUID userId, UUID roleId, String name) {
    }

    /**
     * The SCIM groups of the user row {@code alias} as one SQL expression, a JSON array of {@code [id, name]} in the
     * order of their names, or null when it has none: a user's groups in the statement that reads the user.
     */
    public static String groupsColumn(String alias) {
        return """
                (select json_agg(json_build_array(r.id, r.name) order by r.name, r.id)
                 from memberships m join roles r on r.id = m.role_id
                 where m.user_id = %s.id and r.source = 'PROVISIONED')""".formatted(alias);
    }

    /** The groups of a user from the value of {@link #groupsColumn}. */
    public static List<GroupOfUser> groupsFromColumn(UUID userId, String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<GroupOfUser> out = new ArrayList<>();
            for (JsonNode g : Json.mapper().readTree(json)) {
                out.add(new GroupOfUser(userId, UUID.fromString(g.get(0).asText()), g.get(1).asText()));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the groups column is not the JSON groupsColumn writes", e);
        }
    }

    /** A member of a role, for the {@code members} attribute of a SCIM group. */
    public record Member(UUID userId, String display) {
    }

    /** The members of a role, in the order they joined. Only read when a response includes {@code members}. */
    public List<Member> membersOf(UUID roleId) {
        return SessionStatements.list(MEMBERS_OF, rs -> new Member(rs.getObject(1, UUID.class), rs.getString(2)),
                roleId);
    }

    /**
     * The members of each of the roles of a page, in one statement, in the order of {@link #membersOf(UUID)}; at most
     * {@code limit} in all, else {@code 400 tooMany} naming {@code excludedAttributes=members}.
     */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<Member>> membersOf(Collection<UUID> roleIds, int limit) {
        if (roleIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em().createNativeQuery("""
                select m.role_id, u.id, coalesce(u.display_name, u.user_name)
                from memberships m join users u on u.id = m.user_id
                where m.role_id = any(?1) order by m.role_id, m.created, m.user_id limit ?2
                """).setParameter(1, roleIds.toArray(UUID[]::new)).setParameter(2, limit + 1).getResultList();
        if (rows.size() > limit) {
            throw ScimException.tooMany("the groups of this page have more than " + limit + " members in all, the most a "
                    + "list returns; leave them out with excludedAttributes=members (then read a group's members with "
                    + "GET /Groups/{id}), or ask for fewer groups with count");
        }
        Map<UUID, List<Member>> out = new HashMap<>();
        for (Object[] r : rows) {
            out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new Member((UUID) r[1], (String) r[2]));
        }
        return out;
    }

    public boolean isAdmin(UUID orgId, UUID userId) {
        return isMember(orgId, userId, RoleSource.SYSTEM, Role.ADMIN);
    }

    private boolean isMember(UUID orgId, UUID userId, RoleSource source, String roleName) {
        return !em().createNativeQuery("""
                select 1 from memberships m join roles r on r.id = m.role_id
                where m.user_id = ?1 and r.org_id = ?2 and r.source = ?3 and r.name = ?4
                """).setParameter(1, userId).setParameter(2, orgId).setParameter(3, source.name())
                .setParameter(4, roleName).setMaxResults(1).getResultList().isEmpty();
    }
}
