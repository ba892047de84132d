package io.scimserver.scim.bulk;

import io.scimserver.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The order a bulk request's operations run in: the client's order, except that an operation referring to
 * {@code bulkId:x} runs after the POST that creates x, wherever the two stand in the request (a topological order
 * that keeps the request's order among operations free to run, so the client's intent holds, RFC 7644 §3.7).
 * Operations whose references go round in a circle (a user whose manager is a user whose manager is the first), and
 * those that depend on such a circle, cannot be ordered: they are refused with 409 naming the circle (§3.7.1 allows
 * it; our resources can always be created without the reference and linked by a PATCH afterwards). A reference to a
 * bulkId no POST of the request names is left for the run to refuse.
 *
 * @param order the indexes of the operations to run, in order; the refused ones are not in it
 * @param refused the operations that cannot be ordered, by index, with their error
 */
record BulkPlan(List<Integer> order, Map<Integer, ScimException> refused) {

    /** At most this many operations of a circle are named in its error detail. */
    static final int NAMED_ON_A_CIRCLE = 5;


    static BulkPlan of(List<BulkOperation> operations) {
        Map<String, Integer> creators = new HashMap<>();
        for (BulkOperation op : operations) {
            if (op.definesBulkId()) {
                creators.put(op.bulkId(), op.index());
            }
        }
        int n = operations.size();
        List<Set<Integer>> dependsOn = new ArrayList<>(n);
        List<List<Integer>> dependents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        int[] waiting = new int[n];
        for (BulkOperation op : operations) {
            Set<Integer> deps = new LinkedHashSet<>();
            for (String name : BulkIds.referencedBy(op)) {
                Integer creator = creators.get(name);
                if (creator != null) {
                    deps.add(creator);
                }
            }
            dependsOn.add(deps);
            waiting[op.index()] = deps.size();
            deps.forEach(d -> dependents.get(d).add(op.index()));
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(i);
            for (int d : dependents.get(i)) {
                if (--waiting[d] == 0) {
                    ready.add(d);
                }
            }
        }
        Map<Integer, ScimException> refused = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] > 0) {
                refused.put(i, circular(i, operations, dependsOn, waiting));
            }
        }
        return new BulkPlan(List.copyOf(order), refused);
    }

    /**
     * The error of an operation left waiting: it is on a circle of references or depends on one. Every operation left
     * waiting depends on another left waiting, so following those from {@code start} must come back to one of them.
     */
    private static ScimException circular(int start, List<BulkOperation> ops, List<Set<Integer>> dependsOn,
            int[] waiting) {
        List<Integer> walk = new ArrayList<>();
        Map<Integer, Integer> position = new HashMap<>(); // walk's index of each operation: the walk stays linear
        int at = start;
        while (!position.containsKey(at)) {
            position.put(at, walk.size());
            walk.add(at);
            at = dependsOn.get(at).stream().filter(d -> waiting[d] > 0).findFirst().orElseThrow();
        }
        List<Integer> circle = walk.subList(position.get(at), walk.size());
        // every operation on a circle gets this detail: name a few, so that a request of a thousand operations in one
        // circle does not answer a thousand details of a thousand names each
        StringBuilder names = new StringBuilder();
        for (int i : circle.subList(0, Math.min(circle.size(), NAMED_ON_A_CIRCLE))) {
            names.append("bulkId:").append(ops.get(i).bulkId()).append(" -> ");
        }
        if (circle.size() > NAMED_ON_A_CIRCLE) {
            names.append("... (").append(circle.size() - NAMED_ON_A_CIRCLE).append(" more) -> ");
        }
        names.append("bulkId:").append(ops.get(circle.get(0)).bulkId());
        String remedy = "; create the resources without these references, then add them with PATCH";
        if (circle.get(0) == start) {
            return ScimException.conflict(circle.size() == 1
                    ? "the operation refers to the resource it creates itself (bulkId:" + ops.get(start).bulkId() + ")"
                            + remedy
                    : "circular bulkId references: " + names + remedy);
        }
        return ScimException.conflict("the operation refers to bulkId:" + ops.get(walk.get(1)).bulkId()
                + ", which is held up by circular bulkId references: " + names + remedy);
    }
}
