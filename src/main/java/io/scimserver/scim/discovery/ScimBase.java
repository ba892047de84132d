package io.scimserver.scim.discovery;

import jakarta.ws.rs.core.UriInfo;

/** The absolute SCIM base URL of the current request, such as {@code https://host/scim/v2}. */
public final class ScimBase {

    private ScimBase() {
    }

    public static String url(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/scim/v2";
    }
}
