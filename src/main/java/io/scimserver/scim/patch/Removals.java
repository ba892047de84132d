package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.resource.ValueCoercer;
import io.scimserver.scim.schema.AttributeDef;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * {@code remove} on one resolved target (RFC 7644 §3.5.2.2): the attribute, a sub-attribute, the values matching a
 * filter, or a sub-attribute of those. A multi-valued attribute without filter loses all its values, unless the
 * operation carries a value: then only the values equal to it (by {@code value} when both have one) go. Removing
 * what is not there is a no-op (Entra retries removals), so no noTarget here. A value left without its
 * {@code value} sub-attribute, or empty, is dropped; so is an emptied list or complex attribute.
 */
final class Removals {

    private Removals() {
    }

    static void remove(PatchTarget t, JsonNode value, ObjectNode holder) {
        AttributeDef attr = t.attribute();
        JsonNode current = holder.get(attr.name());
        if (current == null) {
            return;
        }
        if (t.filter() == null && t.sub() == null) {
            if (attr.multiValued() && value != null && current instanceof ArrayNode values) {
                JsonNode given = ValueCoercer.coerce(attr, value, attr.name());
                removeIf(values, e -> given != null && containsLike(given, e), null);
            } else {
                holder.remove(attr.name());
            }
        } else if (!attr.multiValued()) {
            if (current instanceof ObjectNode complex) {
                complex.remove(t.sub().name());
            }
        } else if (current instanceof ArrayNode values) {
            removeIf(values, e -> t.filter() == null || ValueFilters.matches(t.filter(), e, attr), t.sub());
        }
        if (current.isContainerNode() && current.isEmpty()) {
            holder.remove(attr.name());
        }
    }

    /** Removes matching values, or only their {@code sub} when given (dropping values left hollow). */
    private static void removeIf(ArrayNode values, Predicate<JsonNode> match, AttributeDef sub) {
        for (Iterator<JsonNode> it = values.elements(); it.hasNext();) {
            JsonNode e = it.next();
            if (!match.test(e)) {
                continue;
            }
            if (sub != null && e instanceof ObjectNode o) {
                o.remove(sub.name());
                if (!o.isEmpty() && !sub.name().equals("value")) {
                    continue;
                }
            }
            it.remove();
        }
    }

    private static boolean containsLike(JsonNode given, JsonNode element) {
        for (JsonNode g : given) {
            boolean byValue = g.has("value") && element.has("value");
            if (byValue ? g.get("value").equals(element.get("value")) : g.equals(element)) {
                return true;
            }
        }
        return false;
    }
}
