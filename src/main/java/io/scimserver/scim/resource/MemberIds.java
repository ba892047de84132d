package io.scimserver.scim.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the member ids out of a {@code members} value: {@code [{"value":"id","$ref":...,"type":"User"}, ...]}
 * ({@code $ref}, {@code display} and {@code type} are the server's to compute and are ignored; {@code "$ref": null}
 * from Entra included). Every element needs a non-empty {@code value}, else {@code 400 invalidValue}.
 */
public final class MemberIds {

    private MemberIds() {
    }

    public static List<String> of(AttributeDef members, JsonNode value) {
        List<String> ids = new ArrayList<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        for (JsonNode member : value.isArray() ? value : List.of(value)) {
            JsonNode id = valueOf(member);
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw ScimException.invalidValue("every element of '" + members.name()
                        + "' needs a \"value\" with the member's id, got " + member);
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static JsonNode valueOf(JsonNode member) {
        if (!member.isObject()) {
            return null;
        }
        for (var it = member.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (name.equalsIgnoreCase("value")) {
                return member.get(name);
            }
        }
        return null;
    }
}
