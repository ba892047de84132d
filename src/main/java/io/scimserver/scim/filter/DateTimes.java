package io.scimserver.scim.filter;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an xsd:dateTime compared in a filter: {@code 2011-05-13T04:42:34Z}, with any offset, or without one
 * ({@code 2011-05-13T04:42:34}, which clients send and which is read as UTC). Shared by the SQL translator and the
 * in-memory evaluator so that both read the same instant.
 */
public final class DateTimes {

    private DateTimes() {
    }

    public static Optional<OffsetDateTime> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
