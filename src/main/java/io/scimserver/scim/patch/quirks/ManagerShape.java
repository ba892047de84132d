package io.scimserver.scim.patch.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scimserver.scim.patch.PatchOperation;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.schema.ResourceType;
import java.util.List;

/**
 * Entra ID sends the enterprise {@code manager} (a single complex attribute) in three shapes: a bare id string
 * {@code "value":"<id>"}, {@code {"value":"<id>"}}, or a one-element list {@code [{"$ref":...,"value":"<id>"}]}.
 * All become {@code {"value":"<id>"}}: the id is what Entra compares on the next cycle, and a {@code $ref} is the
 * server's to compute. Other values are left for the interpreter to judge.
 */
public final class ManagerShape implements PatchQuirk {

    @Override
    public List<PatchOperation> rewrite(PatchOperation op, ResourceType type) {
        if (op.op() == Op.REMOVE || !Quirks.isWhole(op.path(), type, "manager")) {
            return List.of(op);
        }
        JsonNode id = idOf(op.value());
        if (id == null) {
            return List.of(op);
        }
        return List.of(op.withValue(JsonNodeFactory.instance.objectNode().set("value", id)));
    }

    private static JsonNode idOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value;
        }
        if (value.isArray() && value.size() == 1) {
            return idOf(value.get(0));
        }
        if (value.isObject() && value.get("value") != null && value.get("value").isTextual()) {
            return value.get("value");
        }
        return null;
    }
}
