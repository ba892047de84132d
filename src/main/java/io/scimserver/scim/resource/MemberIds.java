package io.scimserver.scim.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import java.util.ArrayList;
import java.util.List;

/** Reads the member ids out of a {@code members} value: {@code [{"value":"id","$ref":...,"type":"User"}, ...]}. */
public final class MemberIds {

    private MemberIds() {
    }

    public static List<String> of(AttributeDef members, JsonNode value) {
        JsonNode list = ValueCoercer.coerce(members, value, members.name());
        List<String> ids = new ArrayList<>();
        if (list == null) {
            return ids;
        }
        for (JsonNode member : list) {
            JsonNode id = member.get("value");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw ScimException.invalidValue("every element of 'members' needs a 'value' with the member's id, got "
                        + member);
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
