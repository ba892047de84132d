package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.patch.quirks.OpNameCase;
import io.scimserver.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a PatchOp request body (RFC 7644 §3.5.2) into operations. Member names ({@code Operations}, {@code op},
 * {@code path}, {@code value}) are matched in any case; {@code schemas} is not checked (Entra always sends it, other
 * clients forget it). Errors: a body that is not an object, no {@code Operations} or not a list, an operation that
 * is not an object or has an unknown op: {@code invalidSyntax}; add/replace without a value, or more than
 * {@code maxOperations} operations: {@code invalidValue} (RFC 7644 reserves {@code tooMany} for filter results);
 * a malformed path: {@code invalidPath}.
 */
final class PatchRequestReader {

    private PatchRequestReader() {
    }

    static List<PatchOperation> read(JsonNode body, int maxOperations) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a PATCH body must be a JSON object with an \"Operations\" list");
        }
        JsonNode ops = member(body, "Operations");
        if (ops == null || ops.isNull()) {
            throw ScimException.invalidSyntax("the PATCH body has no \"Operations\" list");
        }
        if (!ops.isArray()) {
            throw ScimException.invalidSyntax("\"Operations\" must be a list of operations, got " + ops.getNodeType());
        }
        if (ops.size() > maxOperations) {
            throw ScimException.invalidValue("a PATCH request may carry at most " + maxOperations
                    + " operations, this one has " + ops.size() + "; split it into several requests");
        }
        List<PatchOperation> out = new ArrayList<>(ops.size());
        int index = 1;
        for (JsonNode op : ops) {
            out.add(operation(op, index++));
        }
        return out;
    }

    private static PatchOperation operation(JsonNode json, int index) {
        if (!json.isObject()) {
            throw ScimException.invalidSyntax("operation " + index + " must be a JSON object");
        }
        JsonNode opName = member(json, "op");
        if (opName == null || !opName.isTextual()) {
            throw ScimException.invalidSyntax("operation " + index + " needs \"op\": add, replace or remove");
        }
        Op op = OpNameCase.parse(opName.asText(), index);
        JsonNode pathText = member(json, "path");
        PatchPath path = null;
        if (pathText != null && !pathText.isNull()) {
            if (!pathText.isTextual()) {
                throw ScimException.invalidPath("operation " + index + " has a path that is not a string");
            }
            if (!pathText.asText().isBlank()) {
                path = PatchPaths.parse(pathText.asText().strip(), index);
            }
        }
        JsonNode value = member(json, "value");
        if (value != null && value.isNull()) {
            value = null;
        }
        if (op != Op.REMOVE && value == null) {
            throw ScimException.invalidValue("operation " + index + " (" + op.name().toLowerCase()
                    + ") needs a \"value\"");
        }
        return new PatchOperation(op, path, value);
    }

    private static JsonNode member(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }
}
