package io.scimserver.users;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.roles.Memberships;
import io.scimserver.scim.protocol.Meta;
import io.scimserver.scim.query.ResourceQuery;
import io.scimserver.scim.schema.SchemaRegistry;
import io.scimserver.web.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Renders a stored user as a SCIM User resource: its attributes as sent, plus id, schemas, groups and meta. */
public final class UserJson {

    private UserJson() {
    }

    /**
     * @param groups the user's groups, or null when the response does not include {@code groups}
     */
    public static ObjectNode render(User user, List<Memberships.GroupOfUser> groups, String baseUrl) {
        return render(new ResourceQuery.Row(user.id, user.attributes, user.version, user.created, user.lastModified,
                null), groups, baseUrl);
    }

    /** As {@link #render(User, List, String)}, from a row of a list's page. */
    public static ObjectNode render(ResourceQuery.Row user, List<Memberships.GroupOfUser> groups, String baseUrl) {
        ObjectNode stored = Json.parseObject(user.attributes());
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode schemas = o.putArray("schemas").add(SchemaRegistry.USER_SCHEMA);
        if (stored.has(SchemaRegistry.ENTERPRISE_USER_SCHEMA)) {
            schemas.add(SchemaRegistry.ENTERPRISE_USER_SCHEMA);
        }
        o.put("id", user.id().toString());
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = stored.fields(); it.hasNext();) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            o.set(e.getKey(), e.getValue());
        }
        if (groups != null && !groups.isEmpty()) {
            ArrayNode array = o.putArray("groups");
            for (Memberships.GroupOfUser g : groups) {
                array.addObject().put("value", g.roleId().toString()).put("$ref", baseUrl + "/Groups/" + g.roleId())
                        .put("display", g.name()).put("type", "direct");
            }
        }
        o.set("meta", Meta.of("User", user.created(), user.lastModified(), location(baseUrl, user.id()), user.version()));
        return o;
    }

    public static String location(String baseUrl, UUID id) {
        return baseUrl + "/Users/" + id;
    }
}
