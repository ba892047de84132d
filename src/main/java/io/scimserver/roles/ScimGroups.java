package io.scimserver.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.audit.Audit;
import io.scimserver.audit.AuditSummaries;
import io.scimserver.config.ScimConfig;
import io.scimserver.identity.Identifiers;
import io.scimserver.observability.ScimMetrics;
import io.scimserver.protection.InputBounds;
import io.scimserver.scim.ResourceIds;
import io.scimserver.scim.patch.MembershipChange;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The SCIM use cases on groups, each one transaction. A group is a role whose source is PROVISIONED; its members are
 * changed by set operations in SQL and never loaded to be changed, so a one-member change costs the same in a group
 * of ten and of a hundred thousand. Each write leaves one audit row in its transaction with the attributes changed
 * and the numbers of members added and removed (never the member ids).
 */
@ApplicationScoped
public class ScimGroups {

    private final SchemaRegistry schemas;
    private final Memberships memberships;
    private final ScimConfig config;
    private final Audit audit;
    private final ScimMetrics metrics;

    public ScimGroups(SchemaRegistry schemas, Memberships memberships, ScimConfig config, Audit audit,
            ScimMetrics metrics) {
        this.schemas = schemas;
        this.memberships = memberships;
        this.config = config;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Memberships created and removed by one write. */
    private record MemberCounts(int added, int removed, boolean cleared) {
        static final MemberCounts NONE = new MemberCounts(0, 0, false);

        boolean any() {
            return added > 0 || removed > 0;
        }
    }

    @Transactional
    public Role create(UUID orgId, JsonNode body) {
        NormalizedResource n = new ResourceNormalizer(schemas.group()).normalize(body);
        Set<UUID> members = memberIds(n.memberIds());
        Role role = Role.newRole(orgId, RoleSource.PROVISIONED);
        setAttributes(role, n.attributes());
        refuseNameOfAnotherRole(orgId, role.name, null);
        Conflicts.persistUnique(role, taken(role.name));
        MemberCounts counts = new MemberCounts(add(orgId, role.id, members), 0, false);
        audit.record(orgId, "Group", role.id, "create",
                summary(role, AuditSummaries.attributeNames(n.attributes()), counts));
        metrics.membershipChanged(counts.added(), counts.removed());
        return role;
    }

    public Role get(UUID orgId, String id) {
        UUID uuid = ResourceIds.require("Group", id);
        return GroupRows.find(orgId, uuid).orElseThrow(() -> ResourceIds.notFound("Group", id));
    }

    @Transactional
    public Role replace(UUID orgId, String id, JsonNode body, String ifMatch) {
        Role role = lock(orgId, id);
        ETags.checkIfMatch(ifMatch, role.version);
        NormalizedResource n = new ResourceNormalizer(schemas.group()).normalize(body);
        Set<UUID> members = memberIds(n.memberIds());
        ObjectNode before = Json.parseObject(role.attributes);
        rename(orgId, role, n.attributes());
        int removed = memberships.clear(role.id);
        MemberCounts counts = new MemberCounts(add(orgId, role.id, members), removed, true);
        // a PUT states the whole membership; whether it differs is not worth reading the old one to find out
        save(role, true, "replace", AuditSummaries.changedAttributes(before, n.attributes()), counts);
        return role;
    }

    /** Applies a PATCH; true when anything changed. */
    @Transactional
    public Role patch(UUID orgId, String id, JsonNode body, String ifMatch) {
        Role role = lock(orgId, id);
        ETags.checkIfMatch(ifMatch, role.version);
        ObjectNode before = Json.parseObject(role.attributes);
        PatchResult r = new PatchInterpreter(schemas.group(), config.limits().patchMaxOperations())
                .apply(before, body);
        boolean changed = r.changed() && rename(orgId, role, r.resource());
        MemberCounts counts = applyMembership(orgId, role.id, r.membership());
        save(role, changed || counts.any(), "patch",
                r.changed() ? AuditSummaries.changedAttributes(before, r.resource()) : List.of(), counts);
        return role;
    }

    @Transactional
    public void delete(UUID orgId, String id, String ifMatch) {
        Role role = lock(orgId, id);
        ETags.checkIfMatch(ifMatch, role.version);
        GroupRows.delete(role.id);
        audit.record(orgId, "Group", role.id, "delete", Map.of("displayName", role.name));
    }

    /** The audit summary of a write: displayName, changed attribute names, member counts (never the member ids). */
    private static Map<String, Object> summary(Role role, List<String> attributes, MemberCounts counts) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("displayName", role.name);
        s.put("attributes", attributes);
        s.put("membersAdded", counts.added());
        s.put("membersRemoved", counts.removed());
        if (counts.cleared()) {
            s.put("membersReplaced", true);
        }
        return s;
    }

    /**
     * When the group changed, its next version (so its ETag) and its audit row, written in one statement; else the
     * audit row alone. Then the membership meters. A new displayName taken meanwhile is 409 {@code uniqueness}.
     */
    private void save(Role role, boolean changed, String operation, List<String> attributes, MemberCounts counts) {
        Map<String, Object> summary = summary(role, attributes, counts);
        if (changed) {
            role.version++;
            role.lastModified = StoreClock.now();
            try {
                GroupRows.update(role, audit.successRow(role.orgId, "Group", role.id, operation, summary));
            } catch (ConstraintViolationException e) {
                throw Conflicts.toScim(e, taken(role.name));
            }
        } else {
            audit.record(role.orgId, "Group", role.id, operation, summary);
        }
        metrics.membershipChanged(counts.added(), counts.removed());
    }

    private MemberCounts applyMembership(UUID orgId, UUID roleId, MembershipChange change) {
        if (change.isEmpty()) {
            return MemberCounts.NONE;
        }
        int size = change.add().size() + change.remove().size();
        if (size > config.limits().patchMaxMembers()) {
            throw ScimException.invalidValue("a PATCH may add or remove at most " + config.limits().patchMaxMembers()
                    + " members, this one names " + size + "; split it into several requests");
        }
        Set<UUID> add = memberIds(change.add());
        int removed = change.clearAll() ? memberships.clear(roleId) : 0;
        removed += memberships.remove(roleId, uuids(change.remove()));
        return new MemberCounts(add(orgId, roleId, add), removed, change.clearAll());
    }

    /** Member ids as UUIDs; an id that is not one is 400 invalidValue naming it. */
    private static Set<UUID> memberIds(Collection<String> ids) {
        Set<UUID> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(ResourceIds.parse(id).orElseThrow(() -> ScimException.invalidValue(
                    "member \"" + id + "\" is not the id of a user of this organisation")));
        }
        return out;
    }

    /**
     * Adds the users to the group; returns how many joined. Any of them that is not a provisioned user of the
     * organisation is 400 invalidValue naming it, and the request's transaction, which may have removed members
     * already, rolls back: nothing changes.
     */
    private int add(UUID orgId, UUID roleId, Set<UUID> userIds) {
        Memberships.Added added = memberships.add(orgId, roleId, userIds);
        List<UUID> unknown = added.unknownUsers();
        if (!unknown.isEmpty()) {
            throw ScimException.invalidValue("no user of this organisation has the id" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().limit(10).map(UUID::toString).toList())
                    + (unknown.size() > 10 ? " (and " + (unknown.size() - 10) + " more)" : "")
                    + "; nothing was changed");
        }
        return added.count();
    }

    /** Member ids to remove: ids that are not UUIDs name no member, so there is nothing to remove for them. */
    private static Set<UUID> uuids(Collection<String> ids) {
        Set<UUID> out = new LinkedHashSet<>();
        ids.forEach(id -> ResourceIds.parse(id).ifPresent(out::add));
        return out;
    }

    /** Takes the new attributes; true when they differ. A new displayName must not be another role's. */
    private boolean rename(UUID orgId, Role role, ObjectNode attributes) {
        if (attributes.equals(Json.parseObject(role.attributes))) {
            return false;
        }
        String newName = attributes.path("displayName").asText();
        if (!Identifiers.same(newName, role.name)) {
            refuseNameOfAnotherRole(orgId, newName, role.id);
        }
        setAttributes(role, attributes);
        return true;
    }

    /** A SCIM group may not take the name of a system or local role (409 saying which). */
    private static void refuseNameOfAnotherRole(UUID orgId, String name, UUID self) {
        Role.findByName(orgId, name).filter(r -> !r.id.equals(self)).ifPresent(r -> {
            throw switch (r.source) {
                case SYSTEM -> ScimException.uniqueness("\"" + name + "\" is the name of the system role " + r.name
                        + "; a group cannot take it. Rename the group in the identity provider");
                case LOCAL -> ScimException.uniqueness("\"" + name + "\" is the name of a role created locally in"
                        + " this organisation; a group cannot take it. Rename the group or the local role");
                case PROVISIONED -> ScimException.uniqueness(taken(name));
            };
        });
    }

    /** The group, row-locked until the transaction ends (an unmanaged copy: {@link #touch} writes it). */
    private static Role lock(UUID orgId, String id) {
        return GroupRows.lock(orgId, ResourceIds.require("Group", id))
                .orElseThrow(() -> ResourceIds.notFound("Group", id));
    }

    /** Copies the attributes into the role; the displayName in its canonical form, never a system role's name. */
    private static void setAttributes(Role role, ObjectNode attributes) {
        role.name = Role.nonSystemName("displayName", attributes.path("displayName").asText(),
                "a group cannot take it. Rename the group in the identity provider");
        attributes.put("displayName", role.name);
        JsonNode externalId = attributes.get("externalId");
        role.externalId = externalId == null || externalId.isNull() ? null : externalId.asText();
        InputBounds.checkIndexed("displayName", role.name);
        InputBounds.checkIndexed("externalId", role.externalId);
        role.attributes = attributes.toString();
    }

    private static String taken(String name) {
        return "a group named \"" + name + "\" already exists in this organisation (names are compared without"
                + " regard to case)";
    }
}
