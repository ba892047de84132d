package io.scimserver.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The writes of one resource type that bulk operations run: the very use cases its own endpoint calls, each its own
 * transaction, committed when the method returns. The resource packages implement it (users, roles), so this package
 * never imports them. Failures are thrown as they are for the endpoint ({@code ScimException} and the rest).
 */
public interface BulkTarget {

    /** The endpoint's name as it appears in a bulk path: {@code Users}. */
    String endpoint();

    /** The resource type, as audit rows and errors name it: {@code User}. */
    String resourceType();

    Written create(JsonNode data);

    Written replace(String id, JsonNode data, String ifMatch);

    Written patch(String id, JsonNode data, String ifMatch);

    void delete(String id, String ifMatch);

    /** The resource a write left: its id and its version (the ETag's number) as committed. */
    record Written(String id, long version) {
    }
}
