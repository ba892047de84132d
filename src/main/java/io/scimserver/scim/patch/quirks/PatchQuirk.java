package io.scimserver.scim.patch.quirks;

import io.scimserver.scim.patch.PatchOperation;
import io.scimserver.scim.schema.ResourceType;
import java.util.List;

/**
 * Rewrites one operation of an identity provider's dialect into RFC 7644 form. A quirk returns the operation
 * unchanged when it does not apply, and may return several operations, or none.
 */
public interface PatchQuirk {

    List<PatchOperation> rewrite(PatchOperation op, ResourceType type);

    /** Runs {@code quirks} in order over every operation. */
    static List<PatchOperation> applyAll(List<PatchQuirk> quirks, List<PatchOperation> ops, ResourceType type) {
        List<PatchOperation> current = ops;
        for (PatchQuirk quirk : quirks) {
            current = current.stream().flatMap(op -> quirk.rewrite(op, type).stream()).toList();
        }
        return current;
    }
}
