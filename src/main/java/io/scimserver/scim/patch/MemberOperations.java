package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.filter.CompareOp;
import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.Literal;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.resource.MemberIds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Operations on a group's {@code members}. Members are never loaded (a group may have 100,000): each operation
 * becomes set arithmetic on ids for the caller to run in SQL. Supported: add a list; replace with a list; remove
 * all; remove a list (by value); remove {@code members[value eq "id"]}, also several joined by {@code or}.
 * Anything else on members (sub-attribute paths, other filters) is {@code 400 invalidPath} / {@code invalidFilter}.
 */
final class MemberOperations {

    private MemberOperations() {
    }

    static void apply(Op op, PatchTarget t, JsonNode value, MembershipChanges changes) {
        if (t.sub() != null) {
            throw ScimException.invalidPath("members can only be added, replaced or removed whole; '"
                    + t.describe() + "' cannot be changed");
        }
        if (t.filter() != null) {
            if (op != Op.REMOVE) {
                throw ScimException.invalidPath("a filter on members is supported for remove only");
            }
            List<String> ids = new ArrayList<>();
            collectIds(t.filter(), ids);
            changes.remove(ids);
            return;
        }
        switch (op) {
            case ADD -> changes.add(MemberIds.of(t.attribute(), value));
            case REPLACE -> {
                List<String> ids = MemberIds.of(t.attribute(), value);
                changes.clearAll();
                changes.add(ids);
            }
            case REMOVE -> {
                if (value == null) {
                    changes.clearAll();
                } else {
                    changes.remove(MemberIds.of(t.attribute(), value));
                }
            }
        }
    }

    /** The ids of {@code value eq "id" or ...}, in order; iterative, so a chain of any length is safe. */
    private static void collectIds(Filter filter, List<String> ids) {
        Deque<Filter> pending = new ArrayDeque<>();
        pending.push(filter);
        while (!pending.isEmpty()) {
            switch (pending.pop()) {
                case Filter.Or or -> {
                    pending.push(or.right());
                    pending.push(or.left());
                }
                case Filter.Compare c when c.op() == CompareOp.EQ && c.attr().name().equalsIgnoreCase("value")
                        && c.attr().subAttr() == null && c.value() instanceof Literal.Str id -> ids.add(id.value());
                case Filter.Compare c -> throw unsupported();
                case Filter.And and -> throw unsupported();
                case Filter.Not not -> throw unsupported();
                case Filter.Present present -> throw unsupported();
                case Filter.ValuePath valuePath -> throw unsupported();
            }
        }
    }

    private static ScimException unsupported() {
        return ScimException.invalidFilter("members can be selected only by id: members[value eq \"<id>\"], "
                + "several joined by or");
    }
}
