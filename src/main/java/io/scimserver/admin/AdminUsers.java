package io.scimserver.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.audit.Audit;
import io.scimserver.auth.Caller;
import io.scimserver.auth.CredentialChanges;
import io.scimserver.auth.PasswordHasher;
import io.scimserver.auth.PersonalAccessTokens;
import io.scimserver.roles.AdminGuard;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An admin's actions on the users of their organisation: list (deprovisioned accounts included, with the time SCIM
 * deleted them), set a password, delete completely (provisioned or deprovisioned).
 */
@ApplicationScoped
public class AdminUsers {

    private final PasswordHasher hasher;
    private final AdminGuard guard;
    private final Audit audit;
    private final PersonalAccessTokens tokens;
    private final CredentialChanges credentials;

    public AdminUsers(PasswordHasher hasher, AdminGuard guard, Audit audit, PersonalAccessTokens tokens,
            CredentialChanges credentials) {
        this.credentials = credentials;
        this.hasher = hasher;
        this.tokens = tokens;
        this.guard = guard;
        this.audit = audit;
    }

    /** {@code deprovisionedAt}: when SCIM deleted the account, null while it is provisioned. */
    public record UserSummary(UUID id, String userName, String displayName, boolean active, boolean hasPassword,
            Instant deprovisionedAt) {
    }

    public List<UserSummary> list(UUID orgId, int offset, int limit) {
        return User.<User>find("orgId = ?1 order by created, id", orgId).range(offset, offset + limit - 1).stream()
                .map(u -> new UserSummary(u.id, u.userName, u.displayName, u.active, u.passwordHash != null,
                        u.deprovisionedAt))
                .toList();
    }

    /**
     * Sets a user's password and ends every access it had: its sessions (the store's credentials stamp moves on) and
     * its personal access tokens (revoked), so that whoever held the old credential holds nothing.
     */
    @Transactional
    public void setPassword(UUID orgId, UUID userId, String password) {
        User user = find(orgId, userId);
        user.passwordHash = hasher.hash(password);
        int revoked = tokens.revokeAll(userId);
        audit.record(orgId, "User", userId, "set-password", Map.of("userName", user.userName, "tokensRevoked", revoked));
    }

    /** A user's personal access tokens that are not revoked, newest first (never their secrets). */
    public List<PersonalAccessTokens.Info> tokens(UUID orgId, UUID userId) {
        find(orgId, userId);
        return tokens.unrevoked(orgId, userId);
    }

    /** Revokes one of a user's tokens; 404 when the user of this organisation has no such unrevoked token. */
    @Transactional
    public void revokeToken(UUID orgId, UUID userId, UUID tokenId) {
        User user = find(orgId, userId);
        PersonalAccessTokens.Info token = tokens.revoke(orgId, userId, tokenId).orElseThrow(
                () -> ScimException.notFound("user " + userId + " has no unrevoked token " + tokenId));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("userId", userId.toString());
        summary.put("userName", user.userName);
        if (token.label() != null) {
            summary.put("label", token.label());
        }
        audit.record(orgId, "Token", token.id(), "revoke", summary);
    }

    /**
     * Deletes the user with their memberships and tokens, whether provisioned or deprovisioned by SCIM; never oneself,
     * never the last active ADMIN. The userName is then free: a SCIM create with it makes a new user with a new id.
     */
    @Transactional
    public void delete(Caller caller, UUID userId) {
        User user = find(caller.orgId(), userId);
        guard.ensureRemovable(caller.orgId(), caller.userId(), userId, "delete");
        audit.record(caller.orgId(), "User", userId, "delete", Map.of("userName", user.userName, "local", true));
        credentials.changed(userId);
        Panache.getEntityManager().createNativeQuery("delete from users where id = ?1 and org_id = ?2")
                .setParameter(1, userId).setParameter(2, caller.orgId()).executeUpdate();
    }

    private static User find(UUID orgId, UUID userId) {
        return User.findInOrg(orgId, userId)
                .orElseThrow(() -> ScimException.notFound("no user " + userId + " in this organisation"));
    }
}
