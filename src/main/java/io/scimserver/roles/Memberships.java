package io.scimserver.roles;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Membership changes as set operations in SQL: each costs O(number of users named), never O(role size). Callers run
 * them inside their request's transaction.
 */
@ApplicationScoped
public class Memberships {

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    /** Adds the users to the role, skipping those already in it; returns how many memberships were created. */
    public int add(UUID orgId, UUID roleId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return 0;
        }
        return em().createNativeQuery("""
                insert into memberships (role_id, user_id, org_id, created)
                select ?1, u.id, ?2, now() from users u where u.org_id = ?2 and u.id = any(?3)
                on conflict do nothing
                """).setParameter(1, roleId).setParameter(2, orgId).setParameter(3, userIds.toArray(UUID[]::new))
                .executeUpdate();
    }

    /** Puts the user in the organisation's PUBLIC or ADMIN role. */
    public void addToSystemRole(UUID orgId, UUID userId, String roleName) {
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
        return em().createNativeQuery("delete from memberships where role_id = ?1 and user_id = any(?2)")
                .setParameter(1, roleId).setParameter(2, userIds.toArray(UUID[]::new)).executeUpdate();
    }

    /** Removes every member of the role. */
    public int clear(UUID roleId) {
        return em().createNativeQuery("delete from memberships where role_id = ?1").setParameter(1, roleId)
                .executeUpdate();
    }

    /** The ids among {@code userIds} that are not users of the organisation. */
    @SuppressWarnings("unchecked")
    public List<UUID> unknownUsers(UUID orgId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em().createNativeQuery("""
                select x.id from unnest(?1) as x(id)
                where not exists (select 1 from users u where u.id = x.id and u.org_id = ?2)
                """).setParameter(1, userIds.toArray(UUID[]::new)).setParameter(2, orgId).getResultList();
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
