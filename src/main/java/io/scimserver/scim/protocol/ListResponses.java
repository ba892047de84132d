package io.scimserver.scim.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The ListResponse message (RFC 7644 §3.4.2), with the cursors of RFC 9865 §2 when paging by cursor. */
public final class ListResponses {

    private ListResponses() {
    }

    public static ObjectNode of(long totalResults, int startIndex, List<ObjectNode> resources) {
        return of(totalResults, startIndex, null, null, resources);
    }

    /**
     * @param startIndex the index of the first resource (index paging), or null (cursor paging)
     * @param nextCursor the cursor of the next page, or null on the last page
     * @param previousCursor the cursor of the previous page, or null on the first page
     */
    public static ObjectNode of(long totalResults, Integer startIndex, String nextCursor, String previousCursor,
            List<ObjectNode> resources) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add(ScimMedia.LIST_RESPONSE_SCHEMA);
        o.put("totalResults", totalResults);
        if (startIndex != null) {
            o.put("startIndex", startIndex);
        }
        o.put("itemsPerPage", resources.size());
        if (nextCursor != null) {
            o.put("nextCursor", nextCursor);
        }
        if (previousCursor != null) {
            o.put("previousCursor", previousCursor);
        }
        ArrayNode array = o.putArray("Resources");
        resources.forEach(array::add);
        return o;
    }
}
