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
 *
 * <p>Leniency beyond RFC 7644 §3.10, whose attribute notation has no value filters: an entry of {@code attributes} may
 * carry one, as in a PATCH path ({@code emails[type eq "work"]}, {@code emails[type eq "work"].value}); the attribute
 * is then returned with only the values that match. {@code excludedAttributes} refuses them ({@code invalidPath}): it
 * names attributes to leave out of the default set, and whether a filter there would drop the matching values or the
 * named sub-attribute of them is a guess.
 *
 * @param attributes the entries of {@code attributes} without a value filter
 * @param valueFilters the entries of {@code attributes} with a value filter
 */
public record AttributeSelection(List<AttrPath> attributes, List<AttrPath> excludedAttributes,
        List<PatchPath> valueFilters) {

    /** Neither parameter: the default set of attributes. */
    private static final AttributeSelection NONE = new AttributeSelection(List.of(), List.of(), List.of());

    public AttributeSelection {
        attributes = List.copyOf(attributes);
        excludedAttributes = List.copyOf(excludedAttributes);
        valueFilters = List.copyOf(valueFilters);
    }

    public AttributeSelection(List<AttrPath> attributes, List<AttrPath> excludedAttributes) {
        this(attributes, excludedAttributes, List.of());
    }

    /**
     * Parses the two comma-separated parameters; either may be null or blank.
     *
     * @throws ScimException {@code invalidPath} when an entry is not an attribute path
     */
    public static AttributeSelection parse(String attributes, String excludedAttributes) {
        if ((attributes == null || attributes.isBlank())
                && (excludedAttributes == null || excludedAttributes.isBlank())) {
            return NONE; // the common case: the default set
        }
        List<PatchPath> asked = paths("attributes", attributes);
        List<PatchPath> excluded = paths("excludedAttributes", excludedAttributes);
        return new AttributeSelection(asked.stream().filter(p -> p.valueFilter() == null).map(PatchPath::attr).toList(),
                excluded.stream().map(PatchPath::attr).toList(),
                asked.stream().filter(p -> p.valueFilter() != null).toList());
    }

    /** True when the {@code attributes} parameter names what to return. */
    public boolean isExplicit() {
        return !attributes.isEmpty() || !valueFilters.isEmpty();
    }

    /** Every path {@code attributes} names, value filters left out ({@code emails[type eq "work"].value} names {@code emails.value}). */
    public List<AttrPath> asked() {
        List<AttrPath> all = new ArrayList<>(attributes);
        valueFilters.forEach(p -> all.add(named(p)));
        return all;
    }

    static AttrPath named(PatchPath path) {
        return path.subAttr() == null ? path.attr() : path.attr().withSubAttr(path.subAttr());
    }

    private static List<PatchPath> paths(String parameter, String value) {
        List<PatchPath> paths = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return paths;
        }
        for (String entry : entries(value)) {
            if (entry.isBlank()) {
                continue;
            }
            paths.add(path(parameter, entry.strip()));
        }
        return paths;
    }

    /** The comma-separated entries; a comma inside a value filter's brackets or string is not a separator. */
    static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        int start = 0;
        int brackets = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (c == ',' && brackets <= 0) {
                entries.add(value.substring(start, i));
                start = i + 1;
            }
        }
        entries.add(value.substring(start));
        return entries;
    }

    private static PatchPath path(String parameter, String entry) {
        PatchPath parsed;
        try {
            parsed = FilterParser.parsePath(entry);
        } catch (FilterParseException e) {
            throw ScimException.invalidPath(parameter + ": \"" + entry + "\" is not an attribute path ("
                    + e.getMessage() + ")");
        }
        if (parsed.valueFilter() != null && parameter.equals("excludedAttributes")) {
            throw ScimException.invalidPath(parameter + ": \"" + entry + "\" may not contain a value filter [...];"
                    + " name the attribute or sub-attribute to leave out (a value filter is accepted in attributes"
                    + " only)");
        }
        return parsed;
    }
}
