package io.scimserver.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimserver.audit.Audit;
import io.scimserver.audit.AuditSummaries;
import io.scimserver.auth.Caller;
import io.scimserver.auth.CredentialChanges;
import io.scimserver.auth.PasswordHasher;
import io.scimserver.auth.PersonalAccessTokens;
import io.scimserver.config.ScimConfig;
import io.scimserver.identity.Identifiers;
import io.scimserver.protection.InputBounds;
import io.scimserver.roles.AdminGuard;
import io.scimserver.roles.Memberships;
import io.scimserver.scim.ResourceIds;
import io.scimserver.scim.patch.PatchInterpreter;
import io.scimserver.scim.patch.PatchResult;
import io.scimserver.scim.protocol.ETags;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.resource.NormalizedResource;
import io.scimserver.scim.resource.ResourceNormalizer;
import io.scimserver.scim.schema.SchemaRegistry;
import io.scimserver.web.Conflicts;
import io.scimserver.web.Json;
import io.scimserver.web.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The SCIM use cases on users, each one transaction (a create of a new user is one autocommitted statement). The
 * stored JSON is the source of truth; the columns (userName, externalId, displayName, active) are kept in step with it
 * on every write. Each write leaves one audit row in its transaction, naming the attributes it changed (never their
 * values, never a password).
 * <p>
 * DELETE deprovisions: the account is kept, deactivated, out of its SCIM groups, and no longer exists for SCIM (404,
 * absent from lists); a later create with its userName and externalId revives it, any other create of its userName
 * makes a new user. Deleting completely is a local admin action.
 */
@ApplicationScoped
public class ScimUsers {

    private final SchemaRegistry schemas;
    private final Memberships memberships;
    private final ScimConfig config;
    private final PasswordHasher passwords;
    private final PersonalAccessTokens tokens;
    private final Audit audit;
    private final AdminGuard admins;
    private final CredentialChanges credentials;
    private final UserRows rows;

    public ScimUsers(SchemaRegistry schemas, Memberships memberships, ScimConfig config, PasswordHasher passwords,
            PersonalAccessTokens tokens, Audit audit, AdminGuard admins, CredentialChanges credentials,
            UserRows rows) {
        this.rows = rows;
        this.credentials = credentials;
        this.schemas = schemas;
        this.memberships = memberships;
        this.config = config;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
        this.admins = admins;
    }

    /**
     * A new user, member of PUBLIC. When the userName belongs to a deprovisioned account of the organisation with the
     * same externalId, that account is revived instead (same id, the attributes of this request, version bumped) with
     * nothing that granted access: no password but the one this request sets, no SSO binding, no token, no role but
     * PUBLIC. A deprovisioned namesake with another (or no) externalId is someone else: it stays deprovisioned and the
     * create makes a new user. 409 when a live user has the userName. The audit row says which of the two happened.
     * <p>
     * Not {@code @Transactional}: a new user is one autocommitted statement (user, PUBLIC membership, audit row), and
     * only a revival, which writes more, opens a transaction (or joins the caller's).
     */
    public User create(UUID orgId, JsonNode body) {
        if (QuarkusTransaction.isActive()) {
            // a caller's transaction: what it changed through Hibernate must be written before the statement reads
            Panache.getEntityManager().flush();
        }
        NormalizedResource n = new ResourceNormalizer(schemas.user()).normalize(body);
        Instant now = StoreClock.now();
        User user = new User();
        user.id = UUID.randomUUID();
        user.orgId = orgId;
        user.version = 1;
        user.created = now;
        user.lastModified = now;
        setAttributes(user, n.attributes());
        if (n.password() != null) {
            user.passwordHash = passwords.hash(n.password());
        }
        Map<String, Object> summary = summary(user, AuditSummaries.attributeNames(n.attributes()),
                n.password() != null, null);
        // one statement stores the user, its PUBLIC membership and, for a new user, this audit row (with the
        // deprovisioned namesake it kept apart, if any: a new person)
        Audit.Row row = audit.successRow(orgId, "User", user.id, "create", summary);
        return switch (rows.insertOrRevive(user, row, false)) {
            case UserRows.Taken t -> throw ScimException.uniqueness(taken(user.userName));
            case UserRows.Created c -> user; // stored with its PUBLIC membership and its audit row
            case UserRows.Revivable r -> QuarkusTransaction.joiningExisting().call(() -> revive(user, row, summary));
            case UserRows.Revived r -> throw new IllegalStateException("revived without a transaction");
        };
    }

    /** {@link #create} of a deprovisioned account's userName and externalId, in a transaction. */
    private User revive(User user, Audit.Row row, Map<String, Object> summary) {
        switch (rows.insertOrRevive(user, row, true)) {
            case UserRows.Taken t -> throw ScimException.uniqueness(taken(user.userName));
            case UserRows.Created c -> {
                // the namesake went (deleted, or revived and deprovisioned again with another externalId) since the
                // first statement: a new user, stored with its audit row
            }
            case UserRows.Revivable r -> throw new IllegalStateException("not revived in a transaction");
            case UserRows.Revived r -> {
                summary.put("revived", true); // same externalId: the deprovisioned account, same id
                summary.put("rolesDropped", memberships.leaveAllButPublic(user.orgId, user.id));
                summary.put("tokensRevoked", tokens.revokeAll(user.id));
                audit.record(user.orgId, "User", user.id, "create", summary);
            }
        }
        return user;
    }

    public StoredUser get(UUID orgId, String id) {
        return ScimUserRows.find(orgId, ResourceIds.require("User", id))
                .orElseThrow(() -> ResourceIds.notFound("User", id));
    }

    @Transactional
    public StoredUser replace(Caller caller, String id, JsonNode body, String ifMatch) {
        StoredUser stored = lock(caller.orgId(), id);
        User user = stored.user();
        ETags.checkIfMatch(ifMatch, user.version);
        NormalizedResource n = new ResourceNormalizer(schemas.user()).normalize(body);
        if (!n.attributes().has("active")) {
            // a PUT that does not mention active leaves it as it is: it must never re-enable a disabled user
            n.attributes().put("active", user.active);
        }
        checkRename(user.userName, n.attributes().path("userName").asText(null));
        checkDeactivation(caller, user, n.attributes());
        ObjectNode before = Json.parseObject(user.attributes);
        boolean changed = !n.attributes().equals(before);
        Integer tokensRevoked = n.password() == null ? null : changePassword(caller, user, n.password());
        changed |= tokensRevoked != null;
        if (changed) {
            setActiveAttributes(user, n.attributes());
            touch(user);
        }
        save(user, changed, "replace", summary(user, AuditSummaries.changedAttributes(before, n.attributes()),
                tokensRevoked != null, tokensRevoked));
        return stored;
    }

    @Transactional
    public StoredUser patch(Caller caller, String id, JsonNode body, String ifMatch) {
        StoredUser stored = lock(caller.orgId(), id);
        User user = stored.user();
        ETags.checkIfMatch(ifMatch, user.version);
        ObjectNode before = Json.parseObject(user.attributes);
        PatchResult r = new PatchInterpreter(schemas.user(), config.limits().patchMaxOperations())
                .apply(before, body);
        checkRename(user.userName, r.userName());
        checkDeactivation(caller, user, r.resource());
        Integer tokensRevoked = r.password() == null ? null : changePassword(caller, user, r.password());
        boolean changed = r.changed() || tokensRevoked != null;
        if (changed) {
            setActiveAttributes(user, r.resource());
            touch(user);
        }
        save(user, changed, "patch", summary(user, AuditSummaries.changedAttributes(before, r.resource()),
                tokensRevoked != null, tokensRevoked));
        return stored;
    }

    /**
     * Deprovisions the user: kept, deactivated (column and stored {@code active}), out of every SCIM group (whose
     * versions, and so ETags, move on; PUBLIC, ADMIN and local roles stay until a revival drops them), its personal
     * access tokens revoked, its sessions ended (the store's credentials stamp), and gone for SCIM from now on. Its SSO
     * binding stays, so the identity provider's subject it was bound to signs in to no other account.
     */
    @Transactional
    public void delete(Caller caller, String id, String ifMatch) {
        // the groups first, then the user: the order a group PATCH takes them in, so the two never deadlock
        memberships.lockProvisionedRolesOf(caller.orgId(), ResourceIds.require("User", id));
        User user = lock(caller.orgId(), id).user();
        ETags.checkIfMatch(ifMatch, user.version);
        protectAdministration(caller, user, "delete");
        ObjectNode attributes = Json.parseObject(user.attributes);
        attributes.put("active", false);
        user.attributes = attributes.toString();
        user.active = false;
        touch(user);
        // it stays bound to its SSO subject: that subject reaches no later account of this userName (someone else's)
        user.deprovisionedAt = user.lastModified;
        int groupsLeft = memberships.leaveProvisionedRoles(user.orgId, user.id, user.lastModified);
        int tokensRevoked = tokens.revokeAll(user.id);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("userName", user.userName);
        s.put("deprovisioned", true);
        s.put("accountKept", true); // deleting it completely is DELETE /api/v1/users/{id}
        s.put("groupsLeft", groupsLeft);
        s.put("tokensRevoked", tokensRevoked);
        save(user, true, "delete", s);
    }

    /**
     * Sets a new password, which ends the access the old one gave: the user's tokens are revoked here, its sessions by
     * the store's credentials stamp. Returns how many tokens were revoked, or null when {@code raw} is the password the
     * user has already (an identity provider that sends the password on every update changes nothing). Refuses (409)
     * a new password for the user whose token sends the request: it would revoke that very token, and provisioning
     * would stop, as a deactivation of that user would.
     */
    private Integer changePassword(Caller caller, User user, String raw) {
        if (user.passwordHash != null && passwords.verify(raw, user.passwordHash)) {
            return null;
        }
        if (user.id.equals(caller.userId())) {
            throw ScimException.conflict("cannot change the password of " + user.userName + ": the token of this"
                    + " request belongs to that user, and a new password revokes it. Use a token of another ADMIN");
        }
        user.passwordHash = passwords.hash(raw);
        return tokens.revokeAll(user.id);
    }

    /**
     * userName, the names of the attributes set or changed, and whether a password was set (never its value); on a
     * change of password, the number of tokens that ended with the old one ({@code tokensRevoked}, else null).
     */
    private static Map<String, Object> summary(User user, List<String> attributes, boolean password,
            Integer tokensRevoked) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("userName", user.userName);
        s.put("attributes", attributes);
        if (attributes.contains("active")) {
            s.put("active", user.active);
        }
        if (password) {
            s.put("passwordSet", true);
        }
        if (tokensRevoked != null) {
            s.put("tokensRevoked", tokensRevoked);
        }
        return s;
    }

    /** Deactivating a user must not lock the organisation out of provisioning and administration. */
    private void checkDeactivation(Caller caller, User user, ObjectNode attributes) {
        if (user.active && !isActive(attributes)) {
            protectAdministration(caller, user, "deactivate");
        }
    }

    /**
     * Refuses (409) to deactivate or delete the user whose token sends the request (provisioning would stop with its
     * own token), and, under {@link AdminGuard}'s lock, the organisation's last active ADMIN.
     */
    private void protectAdministration(Caller caller, User user, String action) {
        if (user.id.equals(caller.userId())) {
            throw ScimException.conflict("cannot " + action + " " + user.userName + ": the token of this request"
                    + " belongs to that user, so provisioning would stop. Use a token of another ADMIN");
        }
        admins.ensureNotLastActiveAdmin(user.orgId, user.id, action);
    }

    private static boolean isActive(ObjectNode attributes) {
        return !attributes.has("active") || attributes.get("active").asBoolean();
    }

    /** The provisioned user, row-locked until the transaction ends; 404 for a deprovisioned one. */
    private static StoredUser lock(UUID orgId, String id) {
        return ScimUserRows.lock(orgId, ResourceIds.require("User", id))
                .orElseThrow(() -> ResourceIds.notFound("User", id));
    }

    /**
     * Writes the user's row (an unmanaged copy), when it changed, with the request's audit row in the same statement,
     * else the audit row alone. A userName another user took meanwhile is 409 uniqueness.
     */
    private void save(User user, boolean changed, String operation, Map<String, Object> summary) {
        if (!changed) {
            audit.record(user.orgId, "User", user.id, operation, summary);
            return;
        }
        try {
            ScimUserRows.update(user, audit.successRow(user.orgId, "User", user.id, operation, summary));
        } catch (ConstraintViolationException e) {
            throw Conflicts.toScim(e, taken(user.userName));
        }
    }

    private void checkRename(String current, String next) {
        if (next != null && !Identifiers.same(next, current) && !config.users().allowRename()) {
            throw ScimException.mutability("userName is the user's identity and cannot change from \"" + current
                    + "\" to \"" + next + "\"; a different userName is a new user (an operator can allow renames"
                    + " with scim.users.allow-rename=true)");
        }
    }

    /** {@link #setAttributes} on a stored user: a change of {@code active} changes what its credentials allow. */
    private void setActiveAttributes(User user, ObjectNode attributes) {
        boolean wasActive = user.active;
        setAttributes(user, attributes);
        if (user.active != wasActive) {
            credentials.changed(user.id);
        }
    }

    /** Copies the canonical attributes into the user, with the columns that mirror them. */
    private static void setAttributes(User user, ObjectNode attributes) {
        user.userName = Identifiers.userName(attributes.path("userName").asText());
        attributes.put("userName", user.userName);
        user.externalId = textOrNull(attributes, "externalId");
        user.displayName = textOrNull(attributes, "displayName");
        InputBounds.checkIndexed("userName", user.userName);
        InputBounds.checkIndexed("externalId", user.externalId);
        InputBounds.checkIndexed("displayName", user.displayName);
        user.active = isActive(attributes);
        user.attributes = attributes.toString();
    }

    private static String textOrNull(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void touch(User user) {
        user.version++;
        user.lastModified = StoreClock.now();
    }

    private static String taken(String userName) {
        return "userName \"" + userName + "\" is already taken in this organisation (userNames are compared"
                + " without regard to case)";
    }
}
