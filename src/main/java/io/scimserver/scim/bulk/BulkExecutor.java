package io.scimserver.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.All;
import io.scimserver.audit.FailedOperations;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.observability.ScimMetrics;
import io.scimserver.protection.RateLimits;
import io.scimserver.scim.bulk.BulkTarget.Written;
import io.scimserver.scim.protocol.ErrorResponse;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.web.ErrorMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Runs the operations of a bulk request in {@link BulkPlan}'s order through the resource types' own use cases
 * ({@link BulkTarget}). <b>Each operation is a transaction of its own</b>, committed before the next starts, and this
 * class is deliberately not {@code @Transactional}: RFC 7644 §3.7 has the server carry on past a failed operation and
 * report each operation's outcome, so a failure must not undo the operations that succeeded before it, and every
 * result reported is one that committed. A request's operations are therefore not atomic: a client that needs "all or
 * nothing" sends {@code failOnErrors: 1} and repairs from the results.
 * <p>
 * An operation's failure is its answer only (its SCIM error, an audit row, the bulk meter) and the next operation runs,
 * until {@code failOnErrors} errors have happened, or the database is unavailable (503): the operations not run then are
 * left out of the response, as §3.7.3 has it.
 */
@ApplicationScoped
class BulkExecutor {

    private static final String REQUEST = "POST /scim/v2/Bulk";

    private final Map<String, BulkTarget> targets = new HashMap<>();
    private final RateLimits limits;
    private final FailedOperations failures;
    private final ScimMetrics metrics;
    private final CurrentCaller caller;

    BulkExecutor(@All List<BulkTarget> targets, RateLimits limits, FailedOperations failures, ScimMetrics metrics,
            CurrentCaller caller) {
        targets.forEach(t -> this.targets.put(t.endpoint().toLowerCase(Locale.ROOT), t));
        this.limits = limits;
        this.failures = failures;
        this.metrics = metrics;
        this.caller = caller;
    }

    /** The results of the operations run, in the order of the request; {@code base} is the SCIM base URL. */
    List<BulkResult> run(BulkRequest request, String base) {
        List<BulkOperation> ops = request.operations();
        BulkPlan plan = BulkPlan.of(ops);
        Run run = new Run(base);
        ops.stream().filter(BulkOperation::definesBulkId).forEach(op -> run.creatable.add(op.bulkId()));
        List<Integer> steps = new ArrayList<>(plan.order());
        steps.addAll(plan.refused().keySet());
        BulkResult[] results = new BulkResult[ops.size()];
        int errors = 0;
        for (int i : steps) {
            if (request.failOnErrors() > 0 && errors >= request.failOnErrors()) {
                break;
            }
            BulkOperation op = ops.get(i);
            ScimException refused = plan.refused().get(i);
            BulkResult r = refused != null ? fail(op, addressedAsWritten(op, run.base), refused) : execute(op, run);
            results[i] = r;
            metrics.bulkOperation(op.method(), r.failed());
            if (r.failed()) {
                errors++;
                if (r.status() == 503) {
                    break; // the database is gone: every further operation would wait for a connection in vain
                }
            }
        }
        return java.util.Arrays.stream(results).filter(Objects::nonNull).toList();
    }

    /** What one request's operations have done so far: the ids of the resources created, by bulkId. */
    private static final class Run {
        final String base;
        final Map<String, String> created = new HashMap<>();
        final Set<String> creatable = new HashSet<>();

        Run(String base) {
            this.base = base;
        }

        /** The id a reference stands for; 400 for a bulkId no POST names, 409 for one whose POST failed. */
        String idOf(String bulkId) {
            String id = created.get(bulkId);
            if (id != null) {
                return id;
            }
            if (creatable.contains(bulkId)) {
                throw ScimException.conflict("bulkId:" + bulkId + " was not created: its POST failed (see that"
                        + " operation's response), so this operation cannot refer to it");
            }
            throw ScimException.invalidValue("bulkId:" + bulkId + " names no POST operation of this request: a"
                    + " reference names the bulkId of a POST in the same request");
        }
    }

    /** The resource an operation addresses; {@code id} and {@code location} are null for a POST. */
    private record Addressed(BulkTarget target, String id, String location) {
    }

    private BulkResult execute(BulkOperation op, Run run) {
        Addressed at = null;
        try {
            if (op.problem() != null) {
                throw op.problem();
            }
            UnaryOperator<String> ids = run::idOf;
            at = address(BulkPath.parse(BulkIds.resolvePath(op.path(), ids), op.parsedMethod()), run.base);
            JsonNode data = BulkIds.resolve(op.data(), ids);
            if (at.id() != null) {
                limits.checkObject(caller.get().orgId(), at.id()); // as RequestGuards counts /Users/{id}
            }
            BulkTarget target = at.target();
            return switch (op.parsedMethod()) {
                case POST -> {
                    Written w = target.create(data);
                    if (op.bulkId() != null) {
                        run.created.put(op.bulkId(), w.id());
                    }
                    yield BulkResult.success(op, run.base + "/" + target.endpoint() + "/" + w.id(), w.version(), 201);
                }
                case PUT -> BulkResult.success(op, at.location(), target.replace(at.id(), data, op.version()).version(),
                        200);
                case PATCH -> BulkResult.success(op, at.location(), target.patch(at.id(), data, op.version()).version(),
                        200);
                case DELETE -> {
                    target.delete(at.id(), op.version());
                    yield BulkResult.success(op, at.location(), null, 204);
                }
            };
        } catch (RuntimeException e) {
            return fail(op, at, ErrorMapper.asScim(e, "bulk operation " + (op.index() + 1) + " (" + op.method() + ")"));
        }
    }

    private Addressed address(BulkPath path, String base) {
        BulkTarget target = targets.get(path.endpoint().toLowerCase(Locale.ROOT));
        if (target == null) {
            throw ScimException.invalidSyntax("bulk operations address /Users and /Groups; there is no endpoint /"
                    + path.endpoint());
        }
        return new Addressed(target, path.id(),
                path.id() == null ? null : base + "/" + target.endpoint() + "/" + path.id());
    }

    /** The resource an operation addresses when its path names it without a reference, else null. */
    private Addressed addressedAsWritten(BulkOperation op, String base) {
        if (op.problem() != null || BulkIds.inPath(op.path()) != null) {
            return null;
        }
        try {
            return address(BulkPath.parse(op.path(), op.parsedMethod()), base);
        } catch (ScimException e) {
            return null; // the refusal at hand is what the operation is answered
        }
    }

    /** The failed operation's result, and its audit row, as a refused request of its own would leave. */
    private BulkResult fail(BulkOperation op, Addressed at, ScimException error) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("bulkOperation", Objects.requireNonNullElse(op.method(), "?") + " "
                + Objects.requireNonNullElse(op.path(), "?"));
        if (op.bulkId() != null) {
            context.put("bulkId", op.bulkId());
        }
        failures.record(at == null ? "Request" : at.target().resourceType(), at == null ? null : at.id(),
                auditOperation(op.method()), error.status(), REQUEST,
                ErrorResponse.of(error.status(), error.scimType(), error.detail()), context);
        return BulkResult.failure(op, at == null ? null : at.location(), error);
    }

    /** What the success rows call the operation (as {@code FailedWrites} names single writes). */
    private static String auditOperation(String method) {
        return method == null ? "bulk-operation" : switch (method) {
            case "POST" -> "create";
            case "PUT" -> "replace";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "bulk-operation";
        };
    }
}
