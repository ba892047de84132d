package io.scimserver.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.audit.Audit;
import io.scimserver.auth.Caller;
import io.scimserver.observability.ScimMetrics;
import io.scimserver.roles.AdminGuard;
import io.scimserver.roles.Memberships;
import io.scimserver.roles.Role;
import io.scimserver.roles.RoleSource;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import io.scimserver.web.Conflicts;
import io.scimserver.web.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An admin's actions on roles. LOCAL roles are theirs to make, delete and fill. Of the SYSTEM roles only ADMIN's
 * members may change (under {@link AdminGuard}); PUBLIC holds every user for good. PROVISIONED roles belong to the
 * identity provider: any local change is a 409.
 */
@ApplicationScoped
public class AdminRoles {

    private final Memberships memberships;
    private final AdminGuard guard;
    private final Audit audit;
    private final ScimMetrics metrics;

    public AdminRoles(Memberships memberships, AdminGuard guard, Audit audit, ScimMetrics metrics) {
        this.memberships = memberships;
        this.guard = guard;
        this.audit = audit;
        this.metrics = metrics;
    }

    public record RoleSummary(UUID id, String name, RoleSource source, long memberCount) {
    }

    public List<RoleSummary> list(UUID orgId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select r.id, r.name, r.source, (select count(*) from memberships m where m.role_id = r.id)
                from roles r where r.org_id = ?1 order by r.source desc, lower(r.name), r.id
                """).setParameter(1, orgId).getResultList();
        return rows.stream().map(r -> new RoleSummary((UUID) r[0], (String) r[1], RoleSource.valueOf((String) r[2]),
                ((Number) r[3]).longValue())).toList();
    }

    @Transactional
    public RoleSummary create(UUID orgId, String name) {
        if (name == null || name.isBlank() || name.trim().length() > 200) {
            throw ScimException.invalidValue("send {\"name\": \"...\"}, 1 to 200 characters");
        }
        Role role = Role.newRole(orgId, RoleSource.LOCAL);
        role.name = Role.nonSystemName("name", name, "choose another name");
        Conflicts.persistUnique(role, "a role named \"" + role.name + "\" already exists in this organisation");
        audit.record(orgId, "Role", role.id, "create", Map.of("name", role.name));
        return new RoleSummary(role.id, role.name, role.source, 0);
    }

    @Transactional
    public void delete(UUID orgId, UUID roleId) {
        Role role = find(orgId, roleId);
        switch (role.source) {
            case PROVISIONED -> throw managedByProvisioning(role);
            case SYSTEM -> throw ScimException.conflict("the system role " + role.name + " cannot be deleted");
            case LOCAL -> {
                role.delete();
                audit.record(orgId, "Role", role.id, "delete", Map.of("name", role.name));
            }
        }
    }

    @Transactional
    public void addMember(Caller caller, UUID roleId, UUID userId) {
        Role role = changeable(caller.orgId(), roleId);
        User user = findUser(caller.orgId(), userId);
        if (user.deprovisionedAt != null) {
            throw ScimException.conflict("user " + user.userName + " was deprovisioned by the identity provider on "
                    + user.deprovisionedAt + ": add it once the identity provider provisions it again, or delete it"
                    + " completely with DELETE /api/v1/users/" + userId);
        }
        int added = memberships.add(caller.orgId(), role.id, Set.of(userId)).count();
        if (added > 0) {
            touch(role);
        }
        audit.record(caller.orgId(), "Role", role.id, "add-member",
                Map.of("name", role.name, "userId", userId.toString(), "membersAdded", added));
        metrics.membershipChanged(added, 0);
    }

    @Transactional
    public void removeMember(Caller caller, UUID roleId, UUID userId) {
        Role role = changeable(caller.orgId(), roleId);
        findUser(caller.orgId(), userId);
        if (role.source == RoleSource.SYSTEM) {
            guard.ensureRemovable(caller.orgId(), caller.userId(), userId, "remove from ADMIN");
        }
        int removed = memberships.remove(role.id, Set.of(userId));
        if (removed > 0) {
            touch(role);
        }
        audit.record(caller.orgId(), "Role", role.id, "remove-member",
                Map.of("name", role.name, "userId", userId.toString(), "membersRemoved", removed));
        metrics.membershipChanged(0, removed);
    }

    /** A role whose membership an admin may change: LOCAL, or ADMIN. */
    private Role changeable(UUID orgId, UUID roleId) {
        Role role = find(orgId, roleId);
        return switch (role.source) {
            case PROVISIONED -> throw managedByProvisioning(role);
            case SYSTEM -> {
                if (!Role.ADMIN.equals(role.name)) {
                    throw ScimException.conflict("membership of " + role.name + " cannot be changed: every user"
                            + " is a member for good");
                }
                yield role;
            }
            case LOCAL -> role;
        };
    }

    private static void touch(Role role) {
        role.version++;
        role.lastModified = StoreClock.now();
    }

    private static ScimException managedByProvisioning(Role role) {
        return ScimException.conflict("role \"" + role.name + "\" is managed by provisioning: change it, or its"
                + " members, in the identity provider");
    }

    private static Role find(UUID orgId, UUID roleId) {
        return Role.findInOrg(orgId, roleId)
                .orElseThrow(() -> ScimException.notFound("no role " + roleId + " in this organisation"));
    }

    private static User findUser(UUID orgId, UUID userId) {
        return User.findInOrg(orgId, userId)
                .orElseThrow(() -> ScimException.notFound("no user " + userId + " in this organisation"));
    }
}
