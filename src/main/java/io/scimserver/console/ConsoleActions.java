package io.scimserver.console;

import io.scimserver.audit.Actor;
import io.scimserver.audit.Audit;
import io.scimserver.audit.AuditEvent;
import io.scimserver.audit.Outcome;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Runs an admin action of a console form through the service the API uses (its own transaction, its own audit row on
 * success). A refusal by the product's rules (a locked role, the last admin, a weak password) is recorded as the API's
 * refused writes are ({@code audit.FailedWrites}: outcome failure, its status and detail) and handed back to be shown.
 */
@ApplicationScoped
public class ConsoleActions {

    private final Audit audit;
    private final CurrentCaller caller;

    public ConsoleActions(Audit audit, CurrentCaller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    /**
     * A form's action: refused (403, nothing done) without the session's CSRF token; else run, then a redirect to
     * {@code done} (303), or, when a rule refuses it, the page {@code refused} renders with the reason.
     */
    Response submit(String session, String csrf, String resourceType, Object id, String operation, UriInfo uri,
            Runnable action, String done, Function<ScimException, Response> refused) {
        if (!Csrf.valid(session, csrf)) {
            return Forms.forged();
        }
        return run(resourceType, id, operation, "POST " + uri.getPath(), action).map(refused)
                .orElseGet(() -> Forms.seeOther(done));
    }

    /** Empty when the action was done; the refusal otherwise. */
    Optional<ScimException> run(String resourceType, Object id, String operation, String request, Runnable action) {
        return call(resourceType, id, operation, request, () -> {
            action.run();
            return Boolean.TRUE;
        }).refused();
    }

    /** What an action gave back, or why a rule refused it: exactly one of the two. */
    record Result<T>(T value, Optional<ScimException> refused) {
    }

    /** Like {@link #run}, for an action with a result (a token issued). */
    <T> Result<T> call(String resourceType, Object id, String operation, String request, Supplier<T> action) {
        try {
            return new Result<>(action.get(), Optional.empty());
        } catch (ScimException e) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("request", request);
            if (e.scimType() != null) {
                summary.put("scimType", e.scimType().keyword());
            }
            summary.put("detail", e.detail());
            caller.find().ifPresent(c -> audit.recordSeparately(new AuditEvent(c.orgId(), Actor.of(c), resourceType,
                    id == null ? null : id.toString(), operation, Outcome.of(e.status()), e.status(), summary)));
            return new Result<>(null, Optional.of(e));
        }
    }
}
