package io.scimserver.scim.patch.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.patch.PatchOperation;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.resource.ManagerValue;
import io.scimserver.scim.schema.ResourceType;
import java.util.List;

/**
 * Entra ID sends the enterprise {@code manager} (a single complex attribute) in three shapes: a bare id string
 * {@code "value":"<id>"}, {@code {"value":"<id>"}}, or a one-element list {@code [{"$ref":...,"value":"<id>"}]}.
 * All become {@code {"value":"<id>"}}: the id is what Entra compares on the next cycle, and a {@code $ref} is the
 * server's to compute. Other values are left for the interpreter to judge. The shapes are {@link ManagerValue}'s,
 * which POST and PUT bodies go through too.
 */
public final class ManagerShape implements PatchQuirk {

    @Override
    public List<PatchOperation> rewrite(PatchOperation op, ResourceType type) {
        if (op.op() == Op.REMOVE || !Quirks.isWhole(op.path(), type, "manager")) {
            return List.of(op);
        }
        JsonNode canonical = ManagerValue.canonical(op.value());
        return List.of(canonical == null ? op : op.withValue(canonical));
    }
}
