package io.scimserver.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.bulk.BulkLimits;

/**
 * {@code /ServiceProviderConfig} (RFC 7643 §5): advertises exactly what this server does. PATCH, filter (with the
 * configured page maximum), sort, paging by index and by cursor (RFC 9865), ETags, password change (a PATCH or PUT of
 * a user's {@code password} sets the password it logs in with) and bulk, with the limits in force
 * ({@link BulkLimits}), are supported.
 */
public final class ServiceProviderConfigDocument {

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

    private ServiceProviderConfigDocument() {
    }

    public static ObjectNode render(ScimConfig.Limits limits, BulkLimits bulk, String baseUrl) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add(SCHEMA);
        o.put("documentationUri", "https://datatracker.ietf.org/doc/html/rfc7644");
        o.putObject("patch").put("supported", true);
        o.putObject("bulk").put("supported", true).put("maxOperations", bulk.maxOperations())
                .put("maxPayloadSize", bulk.maxPayloadSize());
        o.putObject("filter").put("supported", true).put("maxResults", limits.maxResults());
        o.putObject("changePassword").put("supported", true); // PATCH/PUT of password sets the login password
        o.putObject("sort").put("supported", true); // any attribute a filter reads, multi-valued by primary or first
        // RFC 9865 §4: both ways of paging; index stays the default, as §2.4 asks of services that had it first
        o.putObject("pagination")
                .put("cursor", true)
                .put("index", true)
                .put("defaultPaginationMethod", "index")
                .put("defaultPageSize", limits.defaultCount())
                .put("maxPageSize", limits.maxResults())
                .put("cursorTimeout", limits.cursorTimeout().toSeconds());
        o.putObject("etag").put("supported", true);
        ArrayNode schemes = o.putArray("authenticationSchemes");
        schemes.addObject()
                .put("type", "oauthbearertoken")
                .put("name", "Bearer token")
                .put("description", "A personal access token of a member of the ADMIN role, sent as "
                        + "Authorization: Bearer <token>")
                .put("primary", true);
        ObjectNode meta = o.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", baseUrl + "/ServiceProviderConfig");
        return o;
    }
}
