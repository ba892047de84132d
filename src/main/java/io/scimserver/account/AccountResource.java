package io.scimserver.account;

import io.scimserver.auth.CurrentCaller;
import io.scimserver.auth.PersonalAccessTokens;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/me} and {@code /api/v1/tokens}: the caller's own account, with a session token or a PAT. */
@Tag(name = "Account", description = "The caller's own account and personal access tokens")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final CurrentCaller caller;
    private final Account account;

    public AccountResource(CurrentCaller caller, Account account) {
        this.caller = caller;
        this.account = account;
    }

    public record NewToken(String label, Integer expiresInDays) {
    }

    /** The secret is in this answer only. */
    public record IssuedToken(UUID id, String token, Instant expiresAt) {
    }

    @GET
    @Path("/me")
    public Account.Me me() {
        return account.me(caller.get());
    }

    @POST
    @Path("/tokens")
    public RestResponse<IssuedToken> issue(NewToken body) {
        NewToken b = body == null ? new NewToken(null, null) : body;
        var issued = account.issueToken(caller.get(), b.label(), b.expiresInDays());
        return RestResponse.ResponseBuilder.<IssuedToken>created(URI.create("/api/v1/tokens/" + issued.id()))
                .entity(new IssuedToken(issued.id(), issued.secret(), issued.expiresAt())).build();
    }

    @GET
    @Path("/tokens")
    public List<PersonalAccessTokens.Info> tokens() {
        return account.tokens(caller.get());
    }

    @DELETE
    @Path("/tokens/{id}")
    public void revoke(@PathParam("id") UUID id) {
        account.revokeToken(caller.get(), id);
    }
}
