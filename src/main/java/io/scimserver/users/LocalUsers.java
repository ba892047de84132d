package io.scimserver.users;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.roles.Memberships;
import io.scimserver.roles.Role;
import io.scimserver.web.Conflicts;
import io.scimserver.web.Json;
import io.scimserver.web.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Creates users outside SCIM (the first admin of an organisation); every new user joins PUBLIC. */
@ApplicationScoped
public class LocalUsers {

    private final Memberships memberships;

    public LocalUsers(Memberships memberships) {
        this.memberships = memberships;
    }

    /** A new active user, member of PUBLIC. Must run in a transaction. */
    public User create(UUID orgId, String userName) {
        Instant now = StoreClock.now();
        User user = new User();
        user.id = UUID.randomUUID();
        user.orgId = orgId;
        user.userName = userName;
        user.active = true;
        user.attributes = JsonNodeFactory.instance.objectNode().put("userName", userName).put("active", true).toString();
        user.version = 1;
        user.created = now;
        user.lastModified = now;
        Conflicts.persistUnique(user, "userName \"" + userName + "\" is already taken in this organisation");
        memberships.addToSystemRole(orgId, user.id, Role.PUBLIC);
        return user;
    }

    /**
     * Reactivates a live (never a deprovisioned) user, as the bootstrap does for a deactivated first admin. Sessions
     * issued before the deactivation stay ended (the store's credentials stamp moved on when it was deactivated).
     */
    public void activate(User user) {
        ObjectNode attributes = Json.parseObject(user.attributes);
        attributes.put("active", true);
        user.attributes = attributes.toString();
        user.active = true;
        user.version++;
        user.lastModified = StoreClock.now();
    }
}
