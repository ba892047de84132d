package io.scimserver.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Compact descriptions of a change for {@code audit_events.summary}: attribute names, never their values. */
public final class AuditSummaries {

    private AuditSummaries() {
    }

    /**
     * The attributes that differ between two versions of a SCIM resource, sorted: top-level names, and for schema
     * extensions (keys that are URNs) the URN, a colon and the sub-attribute name, as Entra's mappings name them.
     */
    public static List<String> changedAttributes(ObjectNode before, ObjectNode after) {
        TreeSet<String> out = new TreeSet<>();
        TreeSet<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode a = before.get(key);
            JsonNode b = after.get(key);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (key.startsWith("urn:") && (a == null || a.isObject()) && (b == null || b.isObject())) {
                TreeSet<String> sub = new TreeSet<>();
                names(a, sub);
                names(b, sub);
                for (String s : sub) {
                    if (!Objects.equals(a == null ? null : a.get(s), b == null ? null : b.get(s))) {
                        out.add(key + ":" + s);
                    }
                }
            } else {
                out.add(key);
            }
        }
        return List.copyOf(out);
    }

    /** The attribute names a resource was created with, sorted, extensions expanded as above. */
    public static List<String> attributeNames(ObjectNode resource) {
        return changedAttributes(resource.objectNode(), resource);
    }

    private static void names(JsonNode node, TreeSet<String> into) {
        if (node != null) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                into.add(it.next());
            }
        }
    }
}
