package io.scimserver.roles;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.scim.bulk.BulkTarget;
import jakarta.enterprise.context.ApplicationScoped;

/** Bulk operations on {@code /Groups}: the {@link ScimGroups} use cases {@link GroupsResource} calls, each a transaction. */
@ApplicationScoped
public class GroupBulkTarget implements BulkTarget {

    private final ScimGroups groups;
    private final CurrentCaller caller;

    public GroupBulkTarget(ScimGroups groups, CurrentCaller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @Override
    public String endpoint() {
        return "Groups";
    }

    @Override
    public String resourceType() {
        return "Group";
    }

    @Override
    public Written create(JsonNode data) {
        return written(groups.create(caller.get().orgId(), data));
    }

    @Override
    public Written replace(String id, JsonNode data, String ifMatch) {
        return written(groups.replace(caller.get().orgId(), id, data, ifMatch));
    }

    @Override
    public Written patch(String id, JsonNode data, String ifMatch) {
        return written(groups.patch(caller.get().orgId(), id, data, ifMatch));
    }

    @Override
    public void delete(String id, String ifMatch) {
        groups.delete(caller.get().orgId(), id, ifMatch);
    }

    private static Written written(Role role) {
        return new Written(role.id.toString(), role.version);
    }
}
