package io.scimserver.console;

import io.scimserver.account.Account;
import io.scimserver.auth.Caller;
import io.scimserver.auth.ConsoleCookie;
import io.scimserver.auth.CurrentCaller;
import io.scimserver.auth.PersonalAccessTokens;
import io.scimserver.scim.discovery.ScimBase;
import io.scimserver.scim.protocol.ScimException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Connect an identity provider: the Tenant URL, a Secret Token (a personal access token of the signed-in admin, shown
 * once), the admin's tokens with their last use, and whether the identity provider has written anything yet.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConnectResource {

    static final String PATH = "/console/connect";

    private final CurrentCaller caller;
    private final Account account;
    private final ConnectionCheck check;
    private final ConsoleActions actions;

    public ConnectResource(CurrentCaller caller, Account account, ConnectionCheck check, ConsoleActions actions) {
        this.caller = caller;
        this.account = account;
        this.check = check;
        this.actions = actions;
    }

    /** An issued token as the page shows it, this once. */
    public record Issued(String secret, String expires) {
    }

    /** A token as a table shows it, with the form action that revokes it ({@code <base><id>/revoke}). */
    @io.quarkus.qute.TemplateData
    public record TokenRow(UUID id, String label, String created, String expires, String lastUsed, String revoke) {
        static TokenRow of(PersonalAccessTokens.Info t, String base) {
            return new TokenRow(t.id(), t.label() == null ? "(no label)" : t.label(), Times.show(t.created()),
                    t.expiresAt() == null ? "never" : Times.show(t.expiresAt()), Times.show(t.lastUsedAt()),
                    base + t.id() + "/revoke");
        }
    }

    @GET
    @Operation(hidden = true)
    public Response home() {
        return Forms.seeOther(PATH);
    }

    @GET
    @Path("/connect")
    @Operation(hidden = true)
    public Response page(@CookieParam(ConsoleCookie.NAME) String session, @Context UriInfo uri) {
        return page(200, session, uri, null, flash(uri));
    }

    @POST
    @Path("/connect/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response issue(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @FormParam("label") String label, @FormParam("expires") String expires, @Context UriInfo uri) {
        if (!Csrf.valid(session, csrf)) {
            return Forms.forged();
        }
        Caller admin = caller.get();
        var result = actions.call("Token", null, "issue", "POST " + uri.getPath(),
                () -> account.issueToken(admin, Forms.text("label", label), days(expires)));
        if (result.refused().isPresent()) {
            return page(result.refused().get().status(), session, uri, null, result.refused().get().detail());
        }
        PersonalAccessTokens.Issued issued = result.value();
        return page(200, session, uri, new Issued(issued.secret(), issued.expiresAt() == null ? "never"
                : Times.show(issued.expiresAt())), null);
    }

    @POST
    @Path("/connect/tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response revoke(@CookieParam(ConsoleCookie.NAME) String session, @FormParam(Csrf.FIELD) String csrf,
            @PathParam("id") UUID id, @Context UriInfo uri) {
        Caller admin = caller.get();
        return actions.submit(session, csrf, "Token", id, "revoke", uri, () -> account.revokeToken(admin, id),
                PATH + "?done=revoked", e -> page(e.status(), session, uri, null, e.detail()));
    }

    private Response page(int status, String session, UriInfo uri, Issued issued, String message) {
        Caller admin = caller.get();
        List<TokenRow> tokens = account.tokens(admin).stream().map(t -> TokenRow.of(t, PATH + "/tokens/")).toList();
        return Forms.page(status, new Pages.connect(new Frame("connect", Csrf.of(session)),
                ScimBase.url(uri) + "?aadOptscim062020", issued, tokens, check.lastScimWrite(admin.orgId()).orElse(null),
                message, status >= 400));
    }

    private static String flash(UriInfo uri) {
        return "revoked".equals(uri.getQueryParameters().getFirst("done")) ? "The token is revoked." : null;
    }

    /** The form's expiry choice: a number of days, or "never". */
    private static Integer days(String expires) {
        if (expires == null || expires.isBlank() || "never".equals(expires)) {
            return null;
        }
        try {
            return Integer.valueOf(expires.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("expires is a number of days or \"never\"");
        }
    }
}
