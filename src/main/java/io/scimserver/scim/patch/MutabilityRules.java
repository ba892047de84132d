package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.AttributeDef.Mutability;

/**
 * RFC 7644 §3.5.2: readOnly attributes are never modified; immutable ones may only be added when they have no
 * value yet. Either violation is {@code 400 mutability}.
 */
final class MutabilityRules {

    private MutabilityRules() {
    }

    static void check(Op op, PatchTarget target, JsonNode current) {
        check(target.attribute(), target.describe());
        if (target.sub() != null) {
            check(target.sub(), target.describe());
        }
        boolean immutable = target.attribute().mutability() == Mutability.IMMUTABLE
                || target.sub() != null && target.sub().mutability() == Mutability.IMMUTABLE;
        if (immutable && (op != Op.ADD || current != null && !current.isNull())) {
            throw ScimException.mutability("'" + target.describe() + "' is immutable: it can only be set once");
        }
    }

    private static void check(AttributeDef def, String path) {
        if (def.mutability() == Mutability.READ_ONLY) {
            throw ScimException.mutability("'" + path + "' is readOnly and cannot be modified");
        }
    }
}
