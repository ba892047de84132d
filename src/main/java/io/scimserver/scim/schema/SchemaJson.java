package io.scimserver.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and writes schema definitions in the RFC 7643 §7 / §8.7.1 JSON format. Missing characteristics take the
 * RFC 7643 §2.2 defaults (readWrite, returned default, not required, not caseExact, uniqueness none).
 */
final class SchemaJson {

    private SchemaJson() {
    }

    static SchemaDef readSchema(JsonNode json) {
        return new SchemaDef(json.path("id").asText(), json.path("name").asText(null),
                json.path("description").asText(null), readAttributes(json.path("attributes")));
    }

    static List<AttributeDef> readAttributes(JsonNode array) {
        List<AttributeDef> out = new ArrayList<>();
        array.forEach(a -> out.add(readAttribute(a)));
        return out;
    }

    private static AttributeDef readAttribute(JsonNode a) {
        return new AttributeDef(
                a.path("name").asText(),
                parse(AttributeDef.Type.values(), AttributeDef.Type::json, a.path("type").asText("string")),
                a.path("multiValued").asBoolean(false),
                a.path("description").asText(null),
                a.path("required").asBoolean(false),
                a.path("caseExact").asBoolean(false),
                parse(AttributeDef.Mutability.values(), AttributeDef.Mutability::json,
                        a.path("mutability").asText("readWrite")),
                parse(AttributeDef.Returned.values(), AttributeDef.Returned::json, a.path("returned").asText("default")),
                parse(AttributeDef.Uniqueness.values(), AttributeDef.Uniqueness::json,
                        a.path("uniqueness").asText("none")),
                strings(a.path("canonicalValues")),
                strings(a.path("referenceTypes")),
                readAttributes(a.path("subAttributes")));
    }

    private static <E> E parse(E[] values, Function<E, String> json, String text) {
        for (E v : values) {
            if (json.apply(v).equals(text)) {
                return v;
            }
        }
        throw new IllegalStateException("unknown schema characteristic value " + text);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The schema as RFC 7643 §7 writes it, without {@code meta}. */
    static ObjectNode write(SchemaDef schema) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Schema");
        o.put("id", schema.id());
        o.put("name", schema.name());
        o.put("description", schema.description());
        o.set("attributes", writeAttributes(schema.attributes()));
        return o;
    }

    private static ArrayNode writeAttributes(List<AttributeDef> attributes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        attributes.forEach(a -> array.add(writeAttribute(a)));
        return array;
    }

    private static ObjectNode writeAttribute(AttributeDef a) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", a.name());
        o.put("type", a.type().json());
        o.put("multiValued", a.multiValued());
        o.put("description", a.description());
        o.put("required", a.required());
        if (a.isComplex()) {
            o.set("subAttributes", writeAttributes(a.subAttributes()));
        } else {
            o.put("caseExact", a.caseExact());
        }
        if (!a.canonicalValues().isEmpty()) {
            a.canonicalValues().forEach(o.putArray("canonicalValues")::add);
        }
        if (!a.referenceTypes().isEmpty()) {
            a.referenceTypes().forEach(o.putArray("referenceTypes")::add);
        }
        o.put("mutability", a.mutability().json());
        o.put("returned", a.returned().json());
        o.put("uniqueness", a.uniqueness().json());
        return o;
    }
}
