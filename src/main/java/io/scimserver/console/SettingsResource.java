package io.scimserver.console;

import io.scimserver.auth.ConsoleCookie;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.config.ScimConfig;
import io.scimserver.login.SsoSettings;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The organisation's settings, read-only: its SSO provider ({@code PUT /api/v1/sso} changes it; the key is shown
 * only as where it comes from), and the service's rate limits, login throttling and token lifetimes.
 */
@Path("/console/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsResource {

    private final CurrentCaller caller;
    private final SsoSettings sso;
    private final ScimConfig config;

    public SettingsResource(CurrentCaller caller, SsoSettings sso, ScimConfig config) {
        this.caller = caller;
        this.sso = sso;
        this.config = config;
    }

    /** A setting's name, value and where it is set. */
    public record Setting(String name, String value, String key) {
    }

    @GET
    @Operation(hidden = true)
    public Response page(@CookieParam(ConsoleCookie.NAME) String session) {
        var limits = config.rateLimit();
        var login = config.login();
        java.util.List<Setting> service = java.util.List.of(
                new Setting("Rate limits", limits.enabled() ? "on" : "off", "scim.rate-limit.enabled"),
                new Setting("Requests per second per organisation (burst)", limits.orgPerSecond() + " ("
                        + limits.orgBurst() + ")", "scim.rate-limit.org-per-second, org-burst"),
                new Setting("Requests per second per user or group (burst)", limits.objectPerSecond() + " ("
                        + limits.objectBurst() + ")", "scim.rate-limit.object-per-second, object-burst"),
                new Setting("Failed logins per user / per address", login.maxFailuresPerUser() + " / "
                        + login.maxFailuresPerAddress() + " within " + login.failureWindow().toMinutes() + " min",
                        "scim.login.max-failures-per-user, max-failures-per-address, failure-window"),
                new Setting("Session (and console sign-in) lifetime", config.jwt().sessionTtl().toMinutes() + " min",
                        "scim.jwt.session-ttl"),
                new Setting("Personal access tokens", "never expire, or 1 to 3650 days, chosen when issued",
                        "POST /api/v1/tokens expiresInDays"),
                new Setting("Shortest password", login.passwordMinLength() + " characters",
                        "scim.login.password-min-length"),
                new Setting("Audit retention", config.audit().retention().toDays() + " days", "scim.audit.retention"));
        return Forms.page(new Pages.settings(new Frame("settings", Csrf.of(session)),
                sso.get(caller.get().orgId()).orElse(null), service));
    }
}
