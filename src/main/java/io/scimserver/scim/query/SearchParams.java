package io.scimserver.scim.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.FilterParseException;
import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.ResourceType;
import io.scimserver.scim.shape.Projection;
import java.util.Locale;

/**
 * Turns the query parameters of {@code GET /Users} or the body of {@code POST /Users/.search} into a bounded
 * {@link ListQuery}: the filter is parsed (errors name the position), {@code count} is capped, {@code startIndex}
 * below 1 is read as 1 (RFC 7644 §3.4.2.4).
 */
public final class SearchParams {

    private SearchParams() {
    }

    /**
     * @param cursor null (absent) for index paging; empty or a cursor for cursor paging (RFC 9865), which excludes
     *     {@code startIndex}
     */
    public static ListQuery of(String filter, String startIndex, String count, String sortBy, String sortOrder,
            String cursor, ScimConfig.Limits limits) {
        if (cursor != null && startIndex != null) {
            throw ScimException.invalidValue("startIndex and cursor choose two ways of paging: send startIndex for"
                    + " index paging or cursor (empty for the first page) for cursor paging (RFC 9865), not both");
        }
        return new ListQuery(filter(filter, limits), startIndex(startIndex), count(count, limits), sortBy(sortBy),
                descending(sortOrder), cursor == null ? null : cursor.trim());
    }

    /**
     * The fields of a SearchRequest body (RFC 7644 §3.4.3, RFC 9865 §3); numbers may come as JSON numbers or strings.
     * {@code "cursor": ""} asks for the first page by cursor, {@code "cursor": null} is the same as no cursor.
     */
    public static ListQuery of(JsonNode body, ScimConfig.Limits limits) {
        return of(text(body, "filter"), text(body, "startIndex"), text(body, "count"), text(body, "sortBy"),
                text(body, "sortOrder"), text(body, "cursor"), limits);
    }

    /** The {@code attributes}/{@code excludedAttributes} of a SearchRequest body, bound to the resource type. */
    public static Projection projection(JsonNode body, ResourceType type) {
        return Projection.parse(list(body, "attributes"), list(body, "excludedAttributes"), type);
    }

    /** A list of attribute paths in a SearchRequest body, as a JSON array or a comma-separated string. */
    static String list(JsonNode body, String field) {
        JsonNode v = member(body, field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw ScimException.invalidValue("\"" + field + "\" must list attribute paths as strings");
                }
                b.append(b.isEmpty() ? "" : ",").append(item.asText());
            }
            return b.toString();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        throw ScimException.invalidValue("\"" + field + "\" must be a list of attribute paths");
    }

    private static JsonNode member(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        var it = body.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue();
            }
        }
        return null;
    }

    static String text(JsonNode body, String field) {
        JsonNode v = member(body, field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw ScimException.invalidValue("\"" + field + "\" must be a single value");
        }
        return v.asText();
    }

    static Filter filter(String filter, ScimConfig.Limits limits) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        if (filter.length() > limits.filterMaxLength()) {
            throw ScimException.invalidFilter("the filter is " + filter.length() + " characters long; at most "
                    + limits.filterMaxLength() + " are accepted");
        }
        try {
            return FilterParser.parse(filter, limits.filterMaxDepth());
        } catch (FilterParseException e) {
            throw ScimException.invalidFilter(e.getMessage());
        }
    }

    static int startIndex(String value) {
        int i = integer("startIndex", value, 1);
        return Math.max(i, 1);
    }

    static int count(String value, ScimConfig.Limits limits) {
        int c = integer("count", value, limits.defaultCount());
        return Math.min(Math.max(c, 0), limits.maxResults());
    }

    static AttrPath sortBy(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var path = FilterParser.parsePath(value.trim());
            if (path.valueFilter() != null) {
                throw ScimException.invalidValue("sortBy names one attribute, such as name.familyName");
            }
            return path.attr();
        } catch (FilterParseException e) {
            throw ScimException.invalidValue("sortBy is not an attribute path: " + e.getMessage());
        }
    }

    static boolean descending(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "ascending" -> false;
            case "descending" -> true;
            default -> throw ScimException.invalidValue("sortOrder is \"ascending\" or \"descending\"");
        };
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer, got \"" + value + "\"");
        }
    }
}
