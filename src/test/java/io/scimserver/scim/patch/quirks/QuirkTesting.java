package io.scimserver.scim.patch.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.Json;
import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.patch.PatchOperation;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.schema.ResourceType;
import io.scimserver.scim.schema.SchemaRegistry;

/** Shared by the quirk tests: the schemas and a terse way to write an operation. */
final class QuirkTesting {

    static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    static final ResourceType USER = REGISTRY.user();
    static final ResourceType GROUP = REGISTRY.group();

    private QuirkTesting() {
    }

    static PatchOperation op(Op op, String path, String valueJson) {
        JsonNode value = valueJson == null ? null : Json.parse(valueJson);
        return new PatchOperation(op, path == null ? null : FilterParser.parsePath(path), value);
    }
}
