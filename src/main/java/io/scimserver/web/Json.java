package io.scimserver.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads the JSON the store itself wrote (stored attributes); client JSON goes through the REST layer's mapper. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a stored JSON object; the store only ever writes objects, so anything else is corruption. */
    public static ObjectNode parseObject(String json) {
        try {
            JsonNode node = MAPPER.readTree(json == null ? "{}" : json);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalStateException("stored attributes are not a JSON object");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not valid JSON", e);
        }
    }
}
