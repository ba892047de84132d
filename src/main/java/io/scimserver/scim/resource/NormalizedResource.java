package io.scimserver.scim.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A POST/PUT body brought into stored form.
 *
 * @param attributes the canonical attributes to store (no id, meta, groups, members or password)
 * @param password the password the client set, or null; never part of {@code attributes}
 * @param memberIds the ids of a group's members, in the order sent (empty for users)
 */
public record NormalizedResource(ObjectNode attributes, String password, List<String> memberIds) {

    public NormalizedResource {
        memberIds = List.copyOf(memberIds);
    }
}
