package io.scimserver.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * References to resources created in the same bulk request (RFC 7644 §3.7.2): a string {@code "bulkId:<name>"}
 * anywhere in an operation's data (a group member's {@code value}, a user's {@code manager}, a PATCH value), and a
 * path whose last segment is one ({@code /Groups/bulkId:<name>}). Each stands for the id of the resource the POST
 * with that bulkId created.
 */
final class BulkIds {

    static final String PREFIX = "bulkId:";

    private BulkIds() {
    }

    /** The bulkIds an operation refers to, in the order they appear: its path first, then its data. */
    static Set<String> referencedBy(BulkOperation op) {
        Set<String> out = new LinkedHashSet<>();
        String inPath = inPath(op.path());
        if (inPath != null) {
            out.add(inPath);
        }
        collect(op.data(), out);
        return out;
    }

    /** The bulkId a path's last segment names, or null. */
    static String inPath(String path) {
        if (path == null) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return nameOf(last);
    }

    /** The path with a bulkId in its last segment replaced by {@code resolve}'s id. */
    static String resolvePath(String path, UnaryOperator<String> resolve) {
        String name = inPath(path);
        return name == null ? path : path.substring(0, path.lastIndexOf('/') + 1) + resolve.apply(name);
    }

    /** A copy of {@code data} with every reference replaced by {@code resolve}'s id; {@code data} itself is kept. */
    static JsonNode resolve(JsonNode data, UnaryOperator<String> resolve) {
        if (data == null) {
            return null;
        }
        if (data.isTextual()) {
            String name = nameOf(data.textValue());
            return name == null ? data : TextNode.valueOf(resolve.apply(name));
        }
        if (data.isArray()) {
            ArrayNode out = ((ArrayNode) data).arrayNode(data.size());
            data.forEach(e -> out.add(resolve(e, resolve)));
            return out;
        }
        if (data.isObject()) {
            ObjectNode out = ((ObjectNode) data).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                out.set(f.getKey(), resolve(f.getValue(), resolve));
            }
            return out;
        }
        return data;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            String name = nameOf(node.textValue());
            if (name != null) {
                out.add(name);
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }

    private static String nameOf(String s) {
        return s.startsWith(PREFIX) && s.length() > PREFIX.length() ? s.substring(PREFIX.length()) : null;
    }
}
