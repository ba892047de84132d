package io.scimserver.scim.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** The {@code meta} complex attribute (RFC 7643 §3.1). */
public final class Meta {

    private Meta() {
    }

    public static ObjectNode of(String resourceType, Instant created, Instant lastModified, String location,
            long version) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("resourceType", resourceType);
        meta.put("created", DateTimeFormatter.ISO_INSTANT.format(created));
        meta.put("lastModified", DateTimeFormatter.ISO_INSTANT.format(lastModified));
        meta.put("location", location);
        meta.put("version", ETags.of(version));
        return meta;
    }
}
