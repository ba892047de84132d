package io.scimserver.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time as the store keeps it: PostgreSQL timestamps hold microseconds, so instants are cut to microseconds
 * before they are stored, and what a response shows (meta.lastModified) is exactly what a later read returns.
 */
public final class StoreClock {

    private StoreClock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
