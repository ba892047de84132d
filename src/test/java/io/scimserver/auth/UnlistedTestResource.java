package io.scimserver.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An endpoint that exists only in tests, outside {@code /scim} and {@code /api}, and is listed nowhere: it stands for
 * the endpoint someone adds next and forgets to protect. {@link DenyByDefaultTest} shows it needs a token.
 */
@Path("/test-only/unlisted")
public class UnlistedTestResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String reached() {
        return "reached";
    }
}
