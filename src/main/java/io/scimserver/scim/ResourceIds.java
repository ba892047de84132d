package io.scimserver.scim;

import io.scimserver.scim.protocol.ScimException;
import java.util.Optional;
import java.util.UUID;

/** Resource ids are UUIDs; anything else names no resource. */
public final class ResourceIds {

    private ResourceIds() {
    }

    public static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The id as a UUID, or 404 naming it. */
    public static UUID require(String resourceType, String id) {
        return parse(id).orElseThrow(() -> notFound(resourceType, id));
    }

    public static ScimException notFound(String resourceType, String id) {
        return ScimException.notFound(resourceType + " " + id + " not found");
    }
}
