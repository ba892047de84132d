package io.scimserver.scim.bulk;

import io.scimserver.scim.bulk.BulkOperation.Method;
import io.scimserver.scim.protocol.ScimException;

/**
 * The {@code path} of a bulk operation, relative to the SCIM base: {@code /Users} or {@code /Groups} for a POST,
 * {@code /Users/{id}} or {@code /Groups/{id}} for the others (RFC 7644 §3.7). The leading slash may be left out; the
 * endpoint's name is matched in any case, as clients built on case-insensitive routers write it.
 *
 * @param id the resource's id, or null for a POST
 */
record BulkPath(String endpoint, String id) {

    static BulkPath parse(String path, Method method) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        String endpoint = slash < 0 ? p : p.substring(0, slash);
        String id = slash < 0 ? null : p.substring(slash + 1);
        if (endpoint.isEmpty() || id != null && (id.isEmpty() || id.contains("/"))) {
            throw ScimException.invalidSyntax("\"path\" must be /Users, /Groups, /Users/{id} or /Groups/{id}");
        }
        if (method == Method.POST && id != null) {
            throw ScimException.invalidSyntax("a POST creates a resource: its path is the endpoint, /" + endpoint
                    + ", without an id");
        }
        if (method != Method.POST && id == null) {
            throw ScimException.invalidSyntax(method + " needs the path of one resource, such as /" + endpoint
                    + "/{id} (or /" + endpoint + "/bulkId:<bulkId> for one this request creates)");
        }
        return new BulkPath(endpoint, id);
    }
}
