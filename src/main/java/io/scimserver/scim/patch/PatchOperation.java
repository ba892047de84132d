package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.filter.PatchPath;
import java.util.Objects;

/**
 * One PATCH operation (RFC 7644 §3.5.2) after reading and quirk normalisation.
 *
 * @param op add, replace or remove
 * @param path the target, or null for a path-less operation
 * @param value the value; null for a remove without value
 */
public record PatchOperation(Op op, PatchPath path, JsonNode value) {

    public PatchOperation {
        Objects.requireNonNull(op);
    }

    public enum Op {
        ADD, REPLACE, REMOVE
    }

    public PatchOperation withValue(JsonNode newValue) {
        return new PatchOperation(op, path, newValue);
    }
}
