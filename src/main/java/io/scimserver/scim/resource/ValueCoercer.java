package io.scimserver.scim.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Brings one attribute value into its canonical stored form, for POST/PUT bodies and PATCH values alike:
 * <ul>
 * <li>JSON {@code null} values, and complex values left empty, are dropped (returned as {@code null});</li>
 * <li>sub-attribute names in any case become their schema names; unknown and readOnly sub-attributes are ignored;</li>
 * <li>booleans sent as strings ({@code "True"}, {@code "false"}: Entra's legacy dialect, also for {@code primary})
 * become JSON booleans; this is the one place that leniency lives;</li>
 * <li>a multi-valued attribute given a single value is read as a one-element list;</li>
 * <li>everything else is kept exactly as sent (Entra re-sends anything that comes back different).</li>
 * </ul>
 * A value of the wrong type fails with {@code 400 invalidValue} naming the attribute and the JSON type sent, never the
 * value.
 */
public final class ValueCoercer {

    private ValueCoercer() {
    }

    /** The canonical value of {@code def}, or null when nothing is left to store. */
    public static JsonNode coerce(AttributeDef def, JsonNode value, String path) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!def.multiValued()) {
            return single(def, value, path);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (value.isArray()) {
            value.forEach(v -> addIfPresent(out, single(def, v, path)));
        } else {
            addIfPresent(out, single(def, value, path));
        }
        return out;
    }

    /** One value (an element, for a multi-valued attribute) of {@code def}. */
    public static JsonNode single(AttributeDef def, JsonNode value, String path) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return switch (def.type()) {
            case COMPLEX -> complex(def, value, path);
            case BOOLEAN -> bool(value, path);
            case STRING, REFERENCE, BINARY -> string(value, path);
            case INTEGER -> require(value.isIntegralNumber(), value, path, "an integer");
            case DECIMAL -> require(value.isNumber(), value, path, "a number");
            case DATE_TIME -> dateTime(value, path);
        };
    }

    private static JsonNode complex(AttributeDef def, JsonNode value, String path) {
        if (!value.isObject()) {
            throw wrongType(path, "an object with sub-attributes", value);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            Optional<AttributeDef> sub = def.subAttribute(field.getKey());
            if (sub.isEmpty() || sub.get().mutability() == AttributeDef.Mutability.READ_ONLY) {
                continue;
            }
            JsonNode v = coerce(sub.get(), field.getValue(), path + "." + sub.get().name());
            if (v != null) {
                out.set(sub.get().name(), v);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static JsonNode bool(JsonNode value, String path) {
        if (value.isBoolean()) {
            return value;
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return BooleanNode.valueOf(value.asText().equalsIgnoreCase("true"));
        }
        throw wrongType(path, "a boolean (true or false)", value);
    }

    private static JsonNode string(JsonNode value, String path) {
        if (value.isTextual()) {
            return value;
        }
        if (value.isValueNode()) {
            return TextNode.valueOf(value.asText());
        }
        throw wrongType(path, "a string", value);
    }

    private static JsonNode dateTime(JsonNode value, String path) {
        if (value.isTextual()) {
            try {
                OffsetDateTime.parse(value.asText());
                return value;
            } catch (DateTimeParseException e) {
                try {
                    LocalDateTime.parse(value.asText());
                    return value;
                } catch (DateTimeParseException e2) {
                    // falls through to the error below
                }
            }
        }
        throw wrongType(path, "an xsd:dateTime such as 2026-01-23T04:56:22Z", value);
    }

    private static JsonNode require(boolean ok, JsonNode value, String path, String expected) {
        if (!ok) {
            throw wrongType(path, expected, value);
        }
        return value;
    }

    private static void addIfPresent(ArrayNode out, JsonNode v) {
        if (v != null) {
            out.add(v);
        }
    }

    /** Names the JSON type sent, never the value: it may be a password or another write-only secret. */
    private static ScimException wrongType(String path, String expected, JsonNode value) {
        return ScimException.invalidValue("attribute '" + path + "' must be " + expected + ", got " + kind(value));
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case BINARY -> "binary data";
            case NULL, MISSING -> "null";
        };
    }
}
