package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.patch.quirks.PatchQuirk;
import io.scimserver.scim.patch.quirks.Quirks;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.resource.ResourceNodes;
import io.scimserver.scim.resource.ValueCoercer;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.ResourceType;
import java.util.List;

/**
 * Applies a SCIM PATCH request (RFC 7644 §3.5.2) to a canonical resource: read the body, spread path-less add and
 * replace over their keys ({@link PathlessValues}), rewrite identity-provider dialects ({@link Quirks#ENTRA}), check
 * {@code maxOperations} again on the result, then apply each operation in order to a copy. Any error leaves nothing applied.
 * Group members are not touched in the JSON: they come back as a {@link MembershipChange}.
 *
 * <pre>{@code
 * PatchResult r = new PatchInterpreter(registry.user(), 100).apply(storedAttributes, requestBody);
 * if (r.changed()) { save(r.resource()); }
 * }</pre>
 */
public final class PatchInterpreter {

    private static final String MEMBERS = "members";

    private final ResourceType type;
    private final int maxOperations;
    private final List<PatchQuirk> quirks;

    /** @param maxOperations the most operations one request may carry; more is {@code 400 invalidValue} */
    public PatchInterpreter(ResourceType type, int maxOperations) {
        this(type, maxOperations, Quirks.ENTRA);
    }

    public PatchInterpreter(ResourceType type, int maxOperations, List<PatchQuirk> quirks) {
        this.type = type;
        this.maxOperations = maxOperations;
        this.quirks = List.copyOf(quirks);
    }

    /** Applies the PatchOp request {@code body} to {@code resource} (which is not modified). */
    public PatchResult apply(ObjectNode resource, JsonNode body) {
        List<PatchOperation> ops = PatchRequestReader.read(body, maxOperations);
        List<PatchOperation> expanded = PatchQuirk.applyAll(quirks, expandPathless(ops), type);
        long attributeOps = expanded.stream().filter(op -> !isMembers(op)).count();
        if (attributeOps > maxOperations) {
            throw ScimException.invalidValue("a PATCH request may carry at most " + maxOperations + " operations; "
                    + "this one has " + attributeOps + " once its path-less values are spread into single "
                    + "operations; split it into several requests");
        }
        return applyOperations(resource, expanded);
    }

    /** Operations on a group's members, which quirks spread one per member: bounded by the member limit instead. */
    private boolean isMembers(PatchOperation op) {
        return type.name().equals("Group") && op.path() != null && op.path().attr().name().equalsIgnoreCase(MEMBERS);
    }

    private List<PatchOperation> expandPathless(List<PatchOperation> ops) {
        List<PatchOperation> out = new java.util.ArrayList<>(ops.size());
        for (PatchOperation op : ops) {
            out.addAll(PathlessValues.expand(op, type));
        }
        return out;
    }

    /** Applies operations already read and normalised; a path-less add or replace is spread over its keys. */
    public PatchResult applyOperations(ObjectNode resource, List<PatchOperation> ops) {
        ops = expandPathless(ops);
        ObjectNode working = resource.deepCopy();
        MembershipChanges members = new MembershipChanges();
        String password = null;
        for (PatchOperation op : ops) {
            if (op.path() == null) {
                throw op.op() == Op.REMOVE
                        ? ScimException.noTarget("remove needs a \"path\" naming what to remove")
                        : ScimException.invalidValue("a path-less " + op.op().name().toLowerCase()
                                + " needs an object of attributes as its value");
            }
            PatchTarget target = PatchTarget.resolve(op.path(), type);
            AttributeDef attr = target.attribute();
            if (attr.name().equals(MEMBERS) && type.name().equals("Group")) {
                MemberOperations.apply(op.op(), target, op.value(), members);
            } else if (attr.mutability() == AttributeDef.Mutability.WRITE_ONLY) {
                password = writeOnly(op, target);
            } else {
                ObjectNode holder = ResourceNodes.holder(working, type, target.resolved(), true);
                MutabilityRules.check(op.op(), target, holder.get(attr.name()));
                switch (op.op()) {
                    case ADD, REPLACE -> Assignments.apply(op.op(), target, op.value(), holder);
                    case REMOVE -> Removals.remove(target, op.value(), holder);
                }
                ResourceNodes.pruneEmptyExtension(working, type, target.resolved());
            }
        }
        requireRequired(working);
        return new PatchResult(working, !working.equals(resource), members.result(), password);
    }

    private static String writeOnly(PatchOperation op, PatchTarget target) {
        if (op.op() == Op.REMOVE || target.sub() != null) {
            throw ScimException.mutability("'" + target.describe() + "' can only be set, not removed");
        }
        JsonNode v = ValueCoercer.coerce(target.attribute(), op.value(), target.describe());
        if (v == null || v.asText().isEmpty()) {
            throw ScimException.invalidValue("'" + target.describe() + "' cannot be empty");
        }
        return v.asText();
    }

    private void requireRequired(ObjectNode working) {
        for (AttributeDef def : type.schema().attributes()) {
            JsonNode v = working.get(def.name());
            if (def.required() && (v == null || v.isTextual() && v.asText().isBlank())) {
                throw ScimException.invalidValue("'" + def.name() + "' is required and cannot be removed or emptied");
            }
        }
    }
}
