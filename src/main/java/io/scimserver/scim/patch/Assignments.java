package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.resource.ValueCoercer;
import io.scimserver.scim.schema.AttributeDef;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code add} and {@code replace} on one resolved target (RFC 7644 §3.5.2.1, §3.5.2.3):
 * <ul>
 * <li>single-valued: the value is set; on a complex attribute the given sub-attributes are merged in;</li>
 * <li>multi-valued, add: values are appended unless an equal value is already there (then nothing changes);</li>
 * <li>multi-valued, replace: the list is replaced;</li>
 * <li>{@code attr[filter]}: matching values are replaced (replace) or merged into (add);</li>
 * <li>{@code attr[filter].sub}: the sub-attribute is set on matching values;</li>
 * <li>{@code attr.sub} on a multi-valued attribute: set on its only value (created if there is none); with several
 * values the path is ambiguous, {@code 400 invalidPath} asking for a value filter.</li>
 * </ul>
 * No match for a filter is {@code 400 noTarget}, except where Entra needs the value created: a filter of
 * {@code eq} comparisons ({@code emails[type eq "work"].value}) with a sub-attribute, or any add, creates
 * {@code {"type":"work","value":...}}.
 */
final class Assignments {

    private Assignments() {
    }

    static void apply(Op op, PatchTarget t, JsonNode value, ObjectNode holder) {
        AttributeDef attr = t.attribute();
        if (t.filter() != null) {
            filtered(op, t, value, holder);
        } else if (t.resolved().sub() != null) {
            sub(op, t, value, holder);
        } else {
            whole(op, attr, ValueCoercer.coerce(attr, value, attr.name()), holder);
        }
        if (holder.get(attr.name()) instanceof ArrayNode a && a.isEmpty()) {
            holder.remove(attr.name());
        }
    }

    private static void whole(Op op, AttributeDef attr, JsonNode v, ObjectNode holder) {
        JsonNode current = holder.get(attr.name());
        if (v == null) {
            if (op == Op.REPLACE) {
                holder.remove(attr.name());
            }
        } else if (!attr.multiValued()) {
            if (v instanceof ObjectNode given && current instanceof ObjectNode existing) {
                existing.setAll(given);
            } else {
                holder.set(attr.name(), v);
            }
        } else if (op == Op.REPLACE || !(current instanceof ArrayNode)) {
            holder.set(attr.name(), v);
            Primaries.enforce((ArrayNode) v, list(v));
        } else {
            ArrayNode existing = (ArrayNode) current;
            List<JsonNode> added = new ArrayList<>();
            for (JsonNode element : v) {
                if (!contains(existing, element)) {
                    existing.add(element);
                    added.add(element);
                }
            }
            Primaries.enforce(existing, added);
        }
    }

    private static void sub(Op op, PatchTarget t, JsonNode value, ObjectNode holder) {
        AttributeDef attr = t.attribute();
        JsonNode v = ValueCoercer.coerce(t.sub(), value, t.describe());
        if (!attr.multiValued()) {
            ObjectNode complex = holder.get(attr.name()) instanceof ObjectNode o ? o : holder.putObject(attr.name());
            setSub(complex, t.sub(), v, op);
            if (complex.isEmpty()) {
                holder.remove(attr.name());
            }
            return;
        }
        ArrayNode values = array(holder, attr);
        if (values.size() > 1) {
            throw ScimException.invalidPath("'" + t.describe() + "' is ambiguous: '" + attr.name() + "' has "
                    + values.size() + " values; select one with a value filter, such as " + attr.name()
                    + "[type eq \"work\"]." + t.sub().name());
        }
        if (values.isEmpty()) {
            values.addObject();
        }
        setSub((ObjectNode) values.get(0), t.sub(), v, op);
        Primaries.enforce(values, list(values));
    }

    private static void filtered(Op op, PatchTarget t, JsonNode value, ObjectNode holder) {
        AttributeDef attr = t.attribute();
        ArrayNode values = array(holder, attr);
        List<JsonNode> matches = new ArrayList<>();
        values.forEach(e -> {
            if (ValueFilters.matches(t.filter(), e, attr)) {
                matches.add(e);
            }
        });
        if (matches.isEmpty()) {
            if (t.filteredSub() == null && op == Op.REPLACE) {
                throw noTarget(t);
            }
            ObjectNode seed = ValueFilters.seed(t.filter(), attr).orElseThrow(() -> noTarget(t));
            values.add(seed);
            matches.add(seed);
        }
        if (t.filteredSub() != null) {
            JsonNode v = ValueCoercer.coerce(t.filteredSub(), value, t.describe());
            matches.forEach(e -> setSub((ObjectNode) e, t.filteredSub(), v, op));
        } else {
            JsonNode v = ValueCoercer.single(attr, value, attr.name());
            for (JsonNode e : matches) {
                if (op == Op.ADD && v instanceof ObjectNode given) {
                    ((ObjectNode) e).setAll(given);
                } else if (op == Op.REPLACE && v != null) {
                    int index = indexOf(values, e);
                    values.set(index, v.deepCopy());
                    matches.set(matches.indexOf(e), values.get(index));
                }
            }
        }
        Primaries.enforce(values, matches);
    }

    private static void setSub(ObjectNode element, AttributeDef sub, JsonNode v, Op op) {
        if (v != null) {
            element.set(sub.name(), v);
        } else if (op == Op.REPLACE) {
            element.remove(sub.name());
        }
    }

    private static ArrayNode array(ObjectNode holder, AttributeDef attr) {
        return holder.get(attr.name()) instanceof ArrayNode a ? a : holder.putArray(attr.name());
    }

    private static boolean contains(ArrayNode values, JsonNode element) {
        for (JsonNode v : values) {
            if (v.equals(element)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(ArrayNode values, JsonNode element) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == element) {
                return i;
            }
        }
        throw new IllegalStateException("matched value vanished");
    }

    private static List<JsonNode> list(JsonNode values) {
        List<JsonNode> out = new ArrayList<>();
        values.forEach(out::add);
        return out;
    }

    private static ScimException noTarget(PatchTarget t) {
        return ScimException.noTarget("no value of '" + t.attribute().name() + "' matches the filter in the path");
    }
}
