package io.scimserver.scim.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.schema.AttributeDef;

/**
 * The shapes Entra ID sends for the enterprise {@code manager} (a single complex attribute), shared by POST/PUT
 * ({@link ResourceNormalizer}) and PATCH (the {@code ManagerShape} and {@code EmptyManagerRemoval} quirks): a bare
 * id string {@code "<id>"}, {@code {"value":"<id>"}} or a one-element list {@code [{"$ref":...,"value":"<id>"}]}
 * all mean {@code {"value":"<id>"}} (the id is what Entra compares on the next cycle; a {@code $ref} is the
 * server's to compute); {@code ""}, {@code {"value":""}} and {@code [{"value":""}]} mean no manager.
 */
public final class ManagerValue {

    private static final String MANAGER = "manager";

    private ManagerValue() {
    }

    /** True for the enterprise {@code manager} attribute. */
    public static boolean isManager(AttributeDef def) {
        return def.name().equals(MANAGER);
    }

    /** True when {@code value} means "no manager". */
    public static boolean isEmpty(JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (value.isTextual()) {
            return value.asText().isBlank();
        }
        if (value.isArray()) {
            return value.isEmpty() || value.size() == 1 && isEmpty(value.get(0));
        }
        if (value.isObject()) {
            return isEmpty(value.get("value"));
        }
        return false;
    }

    /** {@code {"value":"<id>"}} for one of Entra's shapes, or null for any other value (left to be judged). */
    public static ObjectNode canonical(JsonNode value) {
        JsonNode id = idOf(value);
        return id == null ? null : JsonNodeFactory.instance.objectNode().set("value", id);
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
