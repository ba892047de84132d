package io.scimserver.login;

import io.scimserver.auth.CurrentCaller;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/audit/login-refusals}: an admin reads the organisation's counts of refused logins, by hour. */
@Tag(name = "Audit", description = "The organisation's audit trail (ADMIN only)")
@Path("/api/v1/audit/login-refusals")
@Produces(MediaType.APPLICATION_JSON)
public class LoginRefusalsResource {

    private static final int MAX_LIMIT = 1000;

    private final CurrentCaller caller;
    private final LoginRefusals refusals;

    public LoginRefusalsResource(CurrentCaller caller, LoginRefusals refusals) {
        this.caller = caller;
        this.refusals = refusals;
    }

    @GET
    public List<LoginRefusals.Window> list(@QueryParam("limit") @DefaultValue("168") int limit) {
        return refusals.recent(caller.get().requireAdmin().orgId(), Math.min(Math.max(limit, 1), MAX_LIMIT));
    }
}
