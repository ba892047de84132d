package io.scimserver.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.auth.Caller;
import io.scimserver.roles.Role;
import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Keeps every organisation administrable: nobody removes themselves from ADMIN, and the last active ADMIN is
 * never removed, deleted or deactivated by a local action. Checks run under a row lock on the organisation's ADMIN
 * role, so two admins removing each other at once cannot both succeed. Call inside the use case's transaction.
 */
@ApplicationScoped
public class AdminGuard {

    /** Refuses (409) to take {@code userId} out of ADMIN (by removal, deletion or deactivation). */
    public void ensureRemovable(Caller caller, UUID userId, String action) {
        if (caller.userId().equals(userId)) {
            throw ScimException.conflict("you cannot " + action + " yourself: another admin has to");
        }
        ensureNotLastActiveAdmin(caller.orgId(), userId, action);
    }

    /** Refuses (409) when {@code userId} is the organisation's only active ADMIN. */
    public void ensureNotLastActiveAdmin(UUID orgId, UUID userId, String action) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("select id from roles where org_id = ?1 and source = 'SYSTEM' and name = ?2 for update")
                .setParameter(1, orgId).setParameter(2, Role.ADMIN).getResultList();
        Number others = (Number) em.createNativeQuery("""
                select count(*) from memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id
                where r.org_id = ?1 and r.source = 'SYSTEM' and r.name = ?2 and u.active and u.id <> ?3
                """).setParameter(1, orgId).setParameter(2, Role.ADMIN).setParameter(3, userId).getSingleResult();
        boolean activeAdmin = !em.createNativeQuery("""
                select 1 from memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id
                where r.org_id = ?1 and r.source = 'SYSTEM' and r.name = ?2 and u.active and u.id = ?3
                """).setParameter(1, orgId).setParameter(2, Role.ADMIN).setParameter(3, userId).getResultList()
                .isEmpty();
        if (activeAdmin && others.longValue() == 0) {
            throw ScimException.conflict("cannot " + action + " the last active ADMIN of the organisation:"
                    + " make another user ADMIN first");
        }
    }
}
