package io.scimserver.scim.resource;

import io.scimserver.scim.filter.AttrPath;

/**
 * Reads a JSON object key that names an attribute: {@code nickName}, {@code name.givenName} or
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}. Such keys appear in bodies
 * and in Entra's path-less PATCH values; they never carry a value filter, so no filter parser is needed.
 */
public final class AttributeKeys {

    private AttributeKeys() {
    }

    public static AttrPath parse(String key) {
        String urn = null;
        String rest = key;
        if (key.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = key.lastIndexOf(':');
            urn = key.substring(0, colon);
            rest = key.substring(colon + 1);
        }
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return new AttrPath(urn, rest, null);
        }
        return new AttrPath(urn, rest.substring(0, dot), rest.substring(dot + 1));
    }
}
