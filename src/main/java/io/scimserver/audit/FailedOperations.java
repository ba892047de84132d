package io.scimserver.audit;

import io.scimserver.auth.CurrentCaller;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ErrorResponse;
import io.scimserver.web.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the audit row of a refused write, in a transaction of its own (the write's was rolled back): outcome
 * {@code failure} ({@code throttled} for 429), its status, and a summary naming the request, the SCIM
 * {@code scimType} and the error's detail. Used for whole requests ({@link FailedWrites}) and for each refused
 * operation of a bulk request. Nothing is written without an authenticated caller (nobody to attribute it to), nor
 * with {@code scim.audit.record-failures=false}.
 */
@ApplicationScoped
public class FailedOperations {

    private static final int MAX_DETAIL = 500;

    private final Audit audit;
    private final CurrentCaller caller;
    private final boolean enabled;

    public FailedOperations(Audit audit, CurrentCaller caller, ScimConfig config) {
        this.audit = audit;
        this.caller = caller;
        this.enabled = config.audit().recordFailures();
    }

    /**
     * @param request what was asked, such as {@code PATCH /scim/v2/Users/{id}}
     * @param error the error body answered ({@link ErrorResponse} or {@link ApiError}), or null
     * @param context further summary entries (a bulk operation's method, path and bulkId), or an empty map
     */
    public void record(String resourceType, String resourceId, String operation, int status, String request,
            Object error, Map<String, String> context) {
        var current = caller.find();
        if (!enabled || current.isEmpty()) {
            return;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("request", request);
        context.forEach((k, v) -> summary.put(k, bounded(v)));
        switch (error) {
            case ErrorResponse e -> {
                if (e.scimType() != null) {
                    summary.put("scimType", e.scimType());
                }
                summary.put("detail", bounded(e.detail()));
            }
            case ApiError e -> summary.put("detail", bounded(e.message()));
            case null, default -> {
            }
        }
        audit.recordSeparately(new AuditEvent(current.get().orgId(), Actor.of(current.get()), resourceType, resourceId,
                operation, Outcome.of(status), status, summary));
    }

    private static String bounded(String s) {
        return s == null || s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
