package io.scimserver.audit;

import io.scimserver.auth.Caller;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/audit}: an admin pages through the organisation's audit trail, newest first. Filters: {@code since}
 * and {@code until} (ISO-8601 instants), {@code resourceType}, {@code resourceId}, {@code actor} (user or token id),
 * {@code outcome} (success, failure, throttled), {@code operation}; {@code limit} and {@code cursor} page.
 */
@Tag(name = "Audit", description = "The organisation's audit trail (ADMIN only)")
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final CurrentCaller caller;
    private final AuditTrail trail;
    private final ScimConfig config;

    public AuditResource(CurrentCaller caller, AuditTrail trail, ScimConfig config) {
        this.caller = caller;
        this.trail = trail;
        this.config = config;
    }

    @GET
    @Operation(summary = "Page through the audit trail, newest first",
            description = "Pass nextCursor back as cursor for the next (older) page")
    public AuditTrail.Page list(@QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("resourceType") String resourceType, @QueryParam("resourceId") String resourceId,
            @QueryParam("actor") String actor, @QueryParam("outcome") String outcome,
            @QueryParam("operation") String operation, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        Caller admin = caller.get().requireAdmin();
        int size = limit == null ? config.limits().defaultCount()
                : Math.min(Math.max(limit, 1), config.limits().maxResults());
        return trail.read(admin.orgId(), new AuditTrail.Query(instant("since", since), instant("until", until),
                blankToNull(resourceType), blankToNull(resourceId), uuid("actor", actor), outcome(outcome),
                blankToNull(operation), cursor(cursor), size));
    }

    private static Instant instant(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ScimException.invalidValue(name + " is an ISO-8601 instant such as 2025-01-31T08:00:00Z");
        }
    }

    private static UUID uuid(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue(name + " is the id of a user or of a token");
        }
    }

    private static Outcome outcome(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Outcome.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue("outcome is success, failure or throttled");
        }
    }

    private static UUID cursor(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return AuditTrail.rowOf(value.trim())
                .orElseThrow(() -> ScimException.invalidValue("cursor is the nextCursor of the previous page"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
