package io.scimserver.scim.bulk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.protocol.ETags;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimMedia;

/**
 * The answer to one operation, as the bulk response lists it (RFC 7644 §3.7.3): {@code location} of the resource
 * (absent only for a POST that failed), {@code version} (its ETag) after a successful POST, PUT or PATCH, the HTTP
 * {@code status} as a string, and on failure {@code response}, the SCIM error the operation alone would have answered.
 * A success carries no response body: the client reads the resource at {@code location} when it needs it.
 */
record BulkResult(BulkOperation operation, String location, Long version, int status, ScimException error) {

    static BulkResult success(BulkOperation op, String location, Long version, int status) {
        return new BulkResult(op, location, version, status, null);
    }

    static BulkResult failure(BulkOperation op, String location, ScimException error) {
        return new BulkResult(op, location, null, error.status(), error);
    }

    boolean failed() {
        return error != null;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (operation.method() != null) {
            o.put("method", operation.method());
        }
        if (operation.bulkId() != null) {
            o.put("bulkId", operation.bulkId());
        }
        if (version != null) {
            o.put("version", ETags.of(version));
        }
        if (location != null) {
            o.put("location", location);
        }
        o.put("status", Integer.toString(status));
        if (error != null) {
            ObjectNode r = o.putObject("response");
            r.putArray("schemas").add(ScimMedia.ERROR_SCHEMA);
            if (error.scimType() != null) {
                r.put("scimType", error.scimType().keyword());
            }
            r.put("detail", error.detail());
            r.put("status", Integer.toString(status));
        }
        return o;
    }
}
