package io.scimserver.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.protocol.Meta;
import io.scimserver.scim.query.ResourceQuery;
import io.scimserver.scim.schema.SchemaRegistry;
import io.scimserver.web.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Renders a provisioned role as a SCIM Group: its attributes as sent, plus id, schemas, members and meta. */
public final class GroupJson {

    private GroupJson() {
    }

    /**
     * @param members the group's members, or null when the response does not include {@code members} (then they
     *     are not read at all)
     */
    public static ObjectNode render(Role role, List<Memberships.Member> members, String baseUrl) {
        return render(new ResourceQuery.Row(role.id, role.attributes, role.version, role.created, role.lastModified,
                null), members, baseUrl);
    }

    /** As {@link #render(Role, List, String)}, from a row of a list's page. */
    public static ObjectNode render(ResourceQuery.Row role, List<Memberships.Member> members, String baseUrl) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add(SchemaRegistry.GROUP_SCHEMA);
        o.put("id", role.id().toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = Json.parseObject(role.attributes()).fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            o.set(e.getKey(), e.getValue());
        }
        if (members != null) {
            ArrayNode array = o.putArray("members");
            for (Memberships.Member m : members) {
                ObjectNode member = array.addObject().put("value", m.userId().toString())
                        .put("$ref", baseUrl + "/Users/" + m.userId()).put("type", "User");
                if (m.display() != null) {
                    member.put("display", m.display());
                }
            }
        }
        o.set("meta", Meta.of("Group", role.created(), role.lastModified(), location(baseUrl, role.id()), role.version()));
        return o;
    }

    public static String location(String baseUrl, UUID id) {
        return baseUrl + "/Groups/" + id;
    }
}
