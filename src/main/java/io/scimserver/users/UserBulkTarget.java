package io.scimserver.users;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.scim.bulk.BulkTarget;
import jakarta.enterprise.context.ApplicationScoped;

/** Bulk operations on {@code /Users}: the {@link ScimUsers} use cases {@link UsersResource} calls, each a transaction. */
@ApplicationScoped
public class UserBulkTarget implements BulkTarget {

    private final ScimUsers users;
    private final CurrentCaller caller;

    public UserBulkTarget(ScimUsers users, CurrentCaller caller) {
        this.users = users;
        this.caller = caller;
    }

    @Override
    public String endpoint() {
        return "Users";
    }

    @Override
    public String resourceType() {
        return "User";
    }

    @Override
    public Written create(JsonNode data) {
        return written(users.create(caller.get().orgId(), data));
    }

    @Override
    public Written replace(String id, JsonNode data, String ifMatch) {
        return written(users.replace(caller.get(), id, data, ifMatch).user());
    }

    @Override
    public Written patch(String id, JsonNode data, String ifMatch) {
        return written(users.patch(caller.get(), id, data, ifMatch).user());
    }

    @Override
    public void delete(String id, String ifMatch) {
        users.delete(caller.get(), id, ifMatch);
    }

    private static Written written(User user) {
        return new Written(user.id.toString(), user.version);
    }
}
