package io.scimserver.scim.query;

import io.scimserver.config.ScimConfig;
import io.scimserver.scim.shape.ShapeParams;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** The query parameters of {@code GET /Users} and {@code GET /Groups} (RFC 7644 §3.4.2, RFC 9865 §2). */
public class ListParams extends ShapeParams {

    @QueryParam("filter")
    public String filter;

    @QueryParam("startIndex")
    public String startIndex;

    @QueryParam("count")
    public String count;

    @QueryParam("sortBy")
    public String sortBy;

    @QueryParam("sortOrder")
    public String sortOrder;

    /** RFC 9865: empty ({@code ?cursor} or {@code ?cursor=}) for the first page, then a {@code nextCursor}. */
    @QueryParam("cursor")
    public String cursor;

    @Context
    UriInfo uri;

    public ListQuery query(ScimConfig.Limits limits) {
        // an empty query parameter reaches the field as null: whether it was sent at all, the URI tells
        String paging = cursor == null && uri != null && uri.getQueryParameters().containsKey("cursor") ? "" : cursor;
        return SearchParams.of(filter, startIndex, count, sortBy, sortOrder, paging, limits);
    }
}
