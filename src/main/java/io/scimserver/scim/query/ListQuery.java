package io.scimserver.scim.query;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.Filter;

/**
 * A list or search request (RFC 7644 §3.4.2, §3.4.3) after validation: what to match, which page, in which order.
 *
 * @param filter the filter, or null for every resource
 * @param startIndex 1-based index of the first result (index paging)
 * @param count page size, already capped at the configured maximum; 0 asks for the total only
 * @param sortBy attribute to sort by, or null for the stable default order (creation, then id)
 * @param descending true for {@code sortOrder=descending}
 * @param cursor null for index paging (the default); for cursor paging (RFC 9865) empty for the first page, else a
 *     {@code nextCursor} or {@code previousCursor} as the client received it (checked when the query runs)
 */
public record ListQuery(Filter filter, int startIndex, int count, AttrPath sortBy, boolean descending, String cursor) {

    public boolean byCursor() {
        return cursor != null;
    }
}
