package io.scimserver.orgs;

import io.scimserver.audit.Actor;
import io.scimserver.audit.Audit;
import io.scimserver.audit.AuditEvent;
import io.scimserver.audit.Outcome;
import io.scimserver.auth.PersonalAccessTokens;
import io.scimserver.identity.Identifiers;
import io.scimserver.roles.Memberships;
import io.scimserver.roles.Role;
import io.scimserver.roles.RoleSource;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.LocalUsers;
import io.scimserver.users.User;
import io.scimserver.web.Conflicts;
import io.scimserver.web.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creates organisations with their system roles and first admin. */
@ApplicationScoped
public class Organizations {

    private final LocalUsers users;
    private final Memberships memberships;
    private final PersonalAccessTokens tokens;
    private final Audit audit;

    public Organizations(LocalUsers users, Memberships memberships, PersonalAccessTokens tokens, Audit audit) {
        this.users = users;
        this.memberships = memberships;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** What a new organisation starts with; {@code adminToken} is the only time the secret is shown. */
    public record Created(UUID id, String name, UUID adminUserId, String adminToken) {
    }

    @Transactional
    public Created create(String name, String adminUserName) {
        Organization org = newOrganization(name);
        Admin admin = createAdmin(org.id, adminUserName);
        audit.record(new AuditEvent(org.id, Actor.OPERATOR, "Organization", org.id.toString(), "create",
                Outcome.SUCCESS, null, Map.of("name", org.name, "adminUserName", admin.user().userName,
                        "adminUserId", admin.user().id.toString())));
        return new Created(org.id, org.name, admin.user().id, admin.token());
    }

    /** A new organisation with its PUBLIC and ADMIN roles; a name taken case-insensitively is a 409. */
    Organization newOrganization(String name) {
        Organization org = new Organization();
        org.id = UUID.randomUUID();
        org.name = name;
        org.created = StoreClock.now();
        Conflicts.persistUnique(org, "an organisation named \"" + name + "\" already exists");
        systemRole(org.id, Role.PUBLIC);
        systemRole(org.id, Role.ADMIN);
        return org;
    }

    /** A user and a non-expiring token. */
    public record Admin(User user, String token) {
    }

    /**
     * A new non-expiring token of {@code userName} when it is an active ADMIN of the organisation, else empty: the
     * bootstrap's lost-token path gives nothing more (it neither reactivates a user nor grants ADMIN, so a setting left
     * on cannot undo an admin's decision at every restart).
     */
    Optional<Admin> reissueToken(UUID orgId, String userName) {
        return User.findByUserName(orgId, userName).filter(u -> u.active && memberships.isAdmin(orgId, u.id))
                .map(u -> new Admin(u, tokens.issue(orgId, u.id, "bootstrap admin token", null).secret()));
    }

    /** Creates the user (or takes the existing one), activates it, makes it an ADMIN and issues it a token. */
    Admin createAdmin(UUID orgId, String userName) {
        return makeAdmin(orgId, Identifiers.userName(userName), "bootstrap admin token").admin();
    }

    /**
     * What {@link #restoreAdmin} did: {@code created} when no live user had the userName (a deprovisioned account's
     * userName makes a new user, as a SCIM create does), {@code reactivated} when it was deactivated; {@code token} is
     * the only time the secret is shown.
     */
    public record Restored(UUID organizationId, UUID userId, String userName, boolean created, boolean reactivated,
            String token) {
    }

    /**
     * The operator's way back into an organisation that lost its admins: makes {@code userName} an active ADMIN
     * (creating the user, or reactivating a deactivated one) with a new non-expiring token. 404 for an unknown
     * organisation. Audited as the operator's.
     */
    @Transactional
    public Restored restoreAdmin(String organization, String userName) {
        Organization org = Organization.findByName(organization)
                .orElseThrow(() -> ScimException.notFound("no organisation named \"" + organization + "\""));
        Made made = makeAdmin(org.id, Identifiers.userName(userName), "admin token restored by the operator");
        User user = made.admin().user();
        audit.record(new AuditEvent(org.id, Actor.OPERATOR, "User", user.id.toString(), "restore-admin",
                Outcome.SUCCESS, null, Map.of("userName", user.userName, "created", made.created(),
                        "reactivated", made.reactivated())));
        return new Restored(org.id, user.id, user.userName, made.created(), made.reactivated(),
                made.admin().token());
    }

    private record Made(Admin admin, boolean created, boolean reactivated) {
    }

    private Made makeAdmin(UUID orgId, String userName, String tokenLabel) {
        var existing = User.findByUserName(orgId, userName);
        User user = existing.orElseGet(() -> users.create(orgId, userName));
        boolean reactivated = !user.active;
        if (reactivated) {
            users.activate(user);
        }
        memberships.addToSystemRole(orgId, user.id, Role.ADMIN);
        return new Made(new Admin(user, tokens.issue(orgId, user.id, tokenLabel, null).secret()), existing.isEmpty(),
                reactivated);
    }

    private static void systemRole(UUID orgId, String name) {
        Role role = Role.newRole(orgId, RoleSource.SYSTEM);
        role.name = name;
        role.persist();
    }
}
