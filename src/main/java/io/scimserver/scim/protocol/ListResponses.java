package io.scimserver.scim.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The ListResponse message (RFC 7644 §3.4.2). */
public final class ListResponses {

    private ListResponses() {
    }

    public static ObjectNode of(long totalResults, int startIndex, List<ObjectNode> resources) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add(ScimMedia.LIST_RESPONSE_SCHEMA);
        o.put("totalResults", totalResults);
        o.put("startIndex", startIndex);
        o.put("itemsPerPage", resources.size());
        ArrayNode array = o.putArray("Resources");
        resources.forEach(array::add);
        return o;
    }
}
