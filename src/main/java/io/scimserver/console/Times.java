package io.scimserver.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the console shows them: UTC to the second, or a dash. */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String show(Instant t) {
        return t == null ? "—" : FORMAT.format(t);
    }

    /** A timestamp column of a native query, whichever type the driver hands back. */
    static String show(Object column) {
        return show(switch (column) {
            case null -> (Instant) null;
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + column.getClass().getSimpleName());
        });
    }
}
