package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * RFC 7643 §2.4: {@code primary: true} appears at most once. When an operation sets it on a value, every other
 * value that had it gets {@code false} (values that never had the key are left as sent).
 */
final class Primaries {

    private Primaries() {
    }

    static void enforce(ArrayNode values, List<JsonNode> touched) {
        JsonNode winner = null;
        for (JsonNode t : touched) {
            if (t.path("primary").asBoolean(false)) {
                winner = t;
            }
        }
        if (winner == null) {
            return;
        }
        for (JsonNode v : values) {
            if (v != winner && v instanceof ObjectNode o && o.path("primary").asBoolean(false)) {
                o.put("primary", false);
            }
        }
    }
}
