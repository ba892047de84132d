package io.scimserver.roles;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Keeps every organisation administrable: the last active ADMIN is never deactivated, deprovisioned, deleted or taken
 * out of ADMIN. Every path that can do one of these (SCIM PATCH, PUT and DELETE of a user; the admin API's user
 * deletion and ADMIN membership removal) calls {@link #ensureNotLastActiveAdmin} inside its transaction, before the
 * change, and the check runs under the same two locks, always taken in the same order:
 * <ol>
 * <li>the user's row, {@code for update} (SCIM writes have locked it already; this is the same row lock, made strong
 * enough to conflict with the key-share lock a membership insert takes): while it is held the user can neither join
 * a role nor be reactivated, so whether they are an active ADMIN cannot change;</li>
 * <li>only when they are an active ADMIN, the organisation's ADMIN role row ({@code for no key update}): every removal
 * of an active ADMIN queues on it, so the count of the others, read after it is granted, sees every removal that
 * committed before.</li>
 * </ol>
 * One user row, then the role: two removals never wait for each other in opposite orders, so they cannot deadlock.
 * Lock and count hold across replicas, as they are PostgreSQL's. Adding ADMINs takes neither lock.
 */
@ApplicationScoped
public class AdminGuard {

    /** Refuses (409) to take {@code userId} out of ADMIN when it is the caller: another admin has to. */
    public void ensureRemovable(UUID orgId, UUID callerId, UUID userId, String action) {
        if (callerId.equals(userId)) {
            throw ScimException.conflict("you cannot " + action + " yourself: another admin has to");
        }
        ensureNotLastActiveAdmin(orgId, userId, action);
    }

    /** Refuses (409) when {@code userId} is the organisation's only active ADMIN. */
    public void ensureNotLastActiveAdmin(UUID orgId, UUID userId, String action) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("select id from users where id = ?1 and org_id = ?2 for update")
                .setParameter(1, userId).setParameter(2, orgId).getResultList();
        boolean activeAdmin = !em.createNativeQuery("""
                select 1 from users u join memberships m on m.user_id = u.id join roles r on r.id = m.role_id
                where u.id = ?1 and u.active and r.org_id = ?2 and r.source = 'SYSTEM' and r.name = ?3
                """).setParameter(1, userId).setParameter(2, orgId).setParameter(3, Role.ADMIN).getResultList()
                .isEmpty();
        if (!activeAdmin) {
            return;
        }
        em.createNativeQuery("""
                select id from roles where org_id = ?1 and source = 'SYSTEM' and name = ?2 for no key update
                """).setParameter(1, orgId).setParameter(2, Role.ADMIN).getResultList();
        Number others = (Number) em.createNativeQuery("""
                select count(*) from memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id
                where r.org_id = ?1 and r.source = 'SYSTEM' and r.name = ?2 and u.active and u.id <> ?3
                """).setParameter(1, orgId).setParameter(2, Role.ADMIN).setParameter(3, userId).getSingleResult();
        if (others.longValue() == 0) {
            throw ScimException.conflict("cannot " + action + " the last active ADMIN of the organisation:"
                    + " make another user ADMIN first");
        }
    }
}
