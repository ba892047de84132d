package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of a PATCH.
 *
 * @param resource the new canonical resource (the input is never modified)
 * @param changed whether {@code resource} differs from the input; when false, leave lastModified alone
 * @param membership what to do to a group's members (always {@link MembershipChange#NONE} for users)
 * @param password the password set by the request, or null; never stored in {@code resource}
 */
public record PatchResult(ObjectNode resource, boolean changed, MembershipChange membership, String password) {

    /** The userName after the PATCH, so the caller can refuse or allow a rename; null for groups. */
    public String userName() {
        JsonNode v = resource.get("userName");
        return v == null ? null : v.asText();
    }
}
