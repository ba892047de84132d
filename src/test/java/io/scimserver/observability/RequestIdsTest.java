package io.scimserver.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** New request ids are random UUIDs of version 4 in their canonical text; a sane incoming id is kept. */
class RequestIdsTest {

    @Test
    void aNewIdIsARandomVersion4Uuid() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.accept(null);
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(uuid.toString(), id);
            ids.add(id);
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void aSaneIncomingIdIsKeptAndAnyOtherReplaced() {
        assertEquals("entra-0f3a.b_c:d", RequestIds.accept("entra-0f3a.b_c:d"));
        assertEquals(4, UUID.fromString(RequestIds.accept("evil\nline")).version());
        assertEquals(4, UUID.fromString(RequestIds.accept("x".repeat(129))).version());
    }
}
