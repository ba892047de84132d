package io.scimserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * An expected conflict (a userName taken) is answered 409 uniqueness and logs exactly one INFO line, carrying the
 * request id, and no WARN or ERROR line (Hibernate's JDBC error logger included). Reads the server's log records in
 * this JVM, so it has no packaged-jar twin.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class ConflictLoggingTest {

    @Test
    void aTakenUserNameLogsOneInfoLineAndNoError() {
        conflictLogsOneInfoLine("/scim/v2/Users", "{\"userName\":\"taken@conflict.example\"}", "conflict-user");
    }

    /** A group's displayName is unique through the database's unique index: Hibernate meets the violation. */
    @Test
    void aTakenDisplayNameLogsOneInfoLineAndNoError() {
        conflictLogsOneInfoLine("/scim/v2/Groups", "{\"displayName\":\"Taken\"}", "conflict-group");
    }

    private void conflictLogsOneInfoLine(String path, String body, String requestId) {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        scim.request().body(body).post(path).then().statusCode(201);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        List<Object> requestIds = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
                if (r.getLoggerName().equals(ErrorMapper.class.getName())) {
                    requestIds.add(String.valueOf(org.jboss.logging.MDC.get("requestId")));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            scim.request().header("X-Request-Id", requestId).body(body).post(path).then().statusCode(409).body("scimType", org.hamcrest.Matchers.equalTo("uniqueness"));
        } finally {
            root.removeHandler(capture);
        }
        List<LogRecord> bad = records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(bad.isEmpty(), "WARN/ERROR lines: " + bad.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        List<LogRecord> conflicts = records.stream().filter(r -> r.getLoggerName().equals(ErrorMapper.class.getName()))
                .toList();
        assertEquals(1, conflicts.size(), "one line for the conflict");
        assertEquals(Level.INFO.intValue(), conflicts.get(0).getLevel().intValue());
        assertEquals(List.of(requestId), requestIds, "the line carries the request id");
    }
}
