package io.scimserver.auth;

import io.scimserver.scim.protocol.ScimException;
import java.util.UUID;

/**
 * Who is calling: the authenticated user of an organisation, as established from the bearer token of this request.
 *
 * @param tokenId the personal access token used, or null for a session token
 */
public record Caller(UUID orgId, UUID userId, UUID tokenId, boolean admin, Kind kind) {

    public enum Kind {
        PERSONAL_ACCESS_TOKEN, SESSION
    }

    /** Refuses callers that are not members of ADMIN with 403. */
    public Caller requireAdmin() {
        if (!admin) {
            throw ScimException.forbidden("this action needs a token of a member of the ADMIN role");
        }
        return this;
    }
}
