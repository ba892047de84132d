package io.scimserver.scim.patch.quirks;

import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.patch.PatchOperation;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.resource.ManagerValue;
import io.scimserver.scim.schema.ResourceType;
import java.util.List;

/**
 * Entra ID clears a user's manager with {@code {"op":"Replace","path":"manager","value":""}} (also seen as
 * {@code {"value":""}} and {@code [{"value":""}]}, and on {@code manager.value}). RFC 7644 would store an empty
 * id; Entra means "no manager". Rewritten into {@code remove manager}.
 */
public final class EmptyManagerRemoval implements PatchQuirk {

    @Override
    public List<PatchOperation> rewrite(PatchOperation op, ResourceType type) {
        if (op.op() == Op.REMOVE || op.path() == null || op.path().valueFilter() != null
                || !Quirks.names(op.path(), type, "manager") || !ManagerValue.isEmpty(op.value())) {
            return List.of(op);
        }
        return List.of(new PatchOperation(Op.REMOVE,
                new PatchPath(op.path().attr().withSubAttr(null), null, null), null));
    }
}
