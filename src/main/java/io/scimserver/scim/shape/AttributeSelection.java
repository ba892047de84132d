package io.scimserver.scim.shape;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.FilterParseException;
import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 §3.9, §3.4.2.5): attribute paths
 * such as {@code userName}, {@code name.givenName} or
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}, matched case-insensitively.
 * When both are given, {@code attributes} wins and {@code excludedAttributes} is ignored.
 */
public record AttributeSelection(List<AttrPath> attributes, List<AttrPath> excludedAttributes) {

    public AttributeSelection {
        attributes = List.copyOf(attributes);
        excludedAttributes = List.copyOf(excludedAttributes);
    }

    /**
     * Parses the two comma-separated parameters; either may be null or blank.
     *
     * @throws ScimException {@code invalidPath} when an entry is not an attribute path
     */
    public static AttributeSelection parse(String attributes, String excludedAttributes) {
        return new AttributeSelection(paths("attributes", attributes), paths("excludedAttributes",
                excludedAttributes));
    }

    /** True when the {@code attributes} parameter names what to return. */
    public boolean isExplicit() {
        return !attributes.isEmpty();
    }

    private static List<AttrPath> paths(String parameter, String value) {
        List<AttrPath> paths = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return paths;
        }
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            paths.add(path(parameter, entry.strip()));
        }
        return paths;
    }

    private static AttrPath path(String parameter, String entry) {
        PatchPath parsed;
        try {
            parsed = FilterParser.parsePath(entry);
        } catch (FilterParseException e) {
            throw ScimException.invalidPath(parameter + ": \"" + entry + "\" is not an attribute path ("
                    + e.getMessage() + ")");
        }
        if (parsed.valueFilter() != null) {
            throw ScimException.invalidPath(parameter + ": \"" + entry + "\" may not contain a value filter [...];"
                    + " name the attribute or sub-attribute only");
        }
        return parsed.attr();
    }
}
