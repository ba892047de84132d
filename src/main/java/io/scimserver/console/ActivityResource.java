package io.scimserver.console;

import io.scimserver.audit.AuditTrail;
import io.scimserver.audit.Outcome;
import io.scimserver.auth.ConsoleCookie;
import io.scimserver.auth.CurrentCaller;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Provisioning activity: the audit trail ({@link AuditTrail}, the same reader as {@code GET /api/v1/audit}), newest
 * first, filtered by outcome and object type, a page at a time by cursor; refused writes show the SCIM error the client
 * received. Above it, requests and failures per hour.
 */
@Path("/console/activity")
@Produces(MediaType.TEXT_HTML)
public class ActivityResource {

    static final int PAGE_SIZE = 50;

    private final CurrentCaller caller;
    private final AuditTrail trail;
    private final ActivityChart chart;

    public ActivityResource(CurrentCaller caller, AuditTrail trail, ActivityChart chart) {
        this.caller = caller;
        this.trail = trail;
        this.chart = chart;
    }

    /** The filter as the form shows it, and the link to the next (older) page. */
    public record Filter(String outcome, String object, String hours, String next) {
    }

    /** The time windows the form offers, in hours back from now. */
    static final List<String> WINDOWS = List.of("1", "24", "168");

    @GET
    @Operation(hidden = true)
    public Response page(@CookieParam(ConsoleCookie.NAME) String session, @QueryParam("outcome") String outcome,
            @QueryParam("object") String object, @QueryParam("hours") String hours,
            @QueryParam("cursor") String cursor) {
        UUID orgId = caller.get().orgId();
        Outcome o = outcome(outcome);
        String type = object != null && List.of("User", "Group", "Role", "Token", "Session").contains(object) ? object : null;
        String window = hours != null && WINDOWS.contains(hours) ? hours : "";
        java.time.Instant since = window.isEmpty() ? null
                : java.time.Instant.now().minus(Long.parseLong(window), java.time.temporal.ChronoUnit.HOURS);
        AuditTrail.Page page = trail.read(orgId, new AuditTrail.Query(since, null, type, null, null, o, null,
                AuditTrail.rowOf(cursor == null ? "" : cursor).orElse(null), PAGE_SIZE));
        String shown = o == null ? "" : o.wire();
        String shownType = type == null ? "" : type;
        String next = page.nextCursor() == null ? null : "/console/activity?outcome=" + shown + "&object=" + shownType
                + "&hours=" + window + "&cursor=" + page.nextCursor();
        return Forms.page(new Pages.activity(new Frame("activity", Csrf.of(session)), chart.of(orgId),
                page.items().stream().map(AuditRow::of).toList(), new Filter(shown, shownType, window, next)));
    }

    private static Outcome outcome(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
