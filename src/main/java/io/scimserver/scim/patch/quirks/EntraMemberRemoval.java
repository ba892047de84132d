package io.scimserver.scim.patch.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.CompareOp;
import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.Literal;
import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.patch.PatchOperation;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * Entra ID without {@code ?aadOptscim062020} removes members with
 * {@code {"op":"Remove","path":"members","value":[{"value":"<id>"},...]}}. Read literally by RFC 7644 (remove
 * without filter on a multi-valued attribute) it would empty the group; Entra means "remove those members". It is
 * rewritten to one RFC operation per id, {@code remove members[value eq "<id>"]}: a flat list, so thousands of ids
 * build no deep tree for anything downstream to recurse through. An empty list removes nothing.
 */
public final class EntraMemberRemoval implements PatchQuirk {

    @Override
    public List<PatchOperation> rewrite(PatchOperation op, ResourceType type) {
        if (op.op() != Op.REMOVE || op.value() == null || !Quirks.isWhole(op.path(), type, "members")) {
            return List.of(op);
        }
        if (!op.value().isArray() && !op.value().isObject()) {
            throw ScimException.invalidValue("removing members takes a list of {\"value\": \"<id>\"} objects");
        }
        Iterable<JsonNode> members = op.value().isArray() ? op.value() : List.of(op.value());
        List<PatchOperation> out = new ArrayList<>();
        for (JsonNode member : members) {
            JsonNode id = member.get("value");
            if (id == null || !id.isTextual()) {
                throw ScimException.invalidValue("every member to remove needs a \"value\" with its id, got " + member);
            }
            Filter eq = new Filter.Compare(AttrPath.of("value"), CompareOp.EQ, new Literal.Str(id.asText()));
            out.add(new PatchOperation(Op.REMOVE, new PatchPath(op.path().attr(), eq, null), null));
        }
        return out;
    }
}
