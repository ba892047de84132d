package io.scimserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.PersistenceException;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shapes in which "the database is unreachable" reaches ErrorMapper, each recognised (503), and ordinary
 * failures not mistaken for it (500 or their own mapping).
 */
class DatabaseUnavailableTest {

    record Case(String name, Throwable failure, boolean unavailable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        SQLException refused = new SQLException("The connection attempt failed.", "08001", new EOFException());
        SQLException acquisition = new SQLException("Sorry, acquisition timeout!");
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketTimeoutException("Read timed out"));
        SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");
        SQLException recovery = new SQLException("the database system is starting up", "57P03");
        return Stream.of(
                new Case("driver: connection refused (08001)", refused, true),
                new Case("Agroal: acquisition timeout, no SQLState", acquisition, true),
                new Case("Agroal: acquisition timeout while the pool grows (seen with two replicas under load)",
                        new GenericJDBCException("Unable to acquire JDBC Connection",
                                new SQLException("Acquisition timeout while waiting for new connection")), true),
                new Case("Hibernate wraps the acquisition timeout", new GenericJDBCException("could not prepare", acquisition), true),
                new Case("JPA wraps Hibernate wraps acquisition", new PersistenceException(new GenericJDBCException("x", acquisition)), true),
                new Case("socket timeout (08006)", new JDBCConnectionException("x", io), true),
                new Case("admin shutdown (57P01)", new PersistenceException(shutdown), true),
                new Case("starting up (57P03)", recovery, true),
                new Case("commit fails: Narayana's RollbackException with the I/O error suppressed (seen in the outage test)",
                        commitFailure(), true),
                new Case("a rollback without a connection error is not unavailability",
                        new RuntimeException("ARJUNA016053", new jakarta.transaction.RollbackException("rolled back")),
                        false),
                new Case("a list page read with plain JDBC (scim.query.PageReader) wraps the driver's error",
                        new IllegalStateException("a list query failed", io), true),
                new Case("a statement run with plain JDBC cancelled by statement_timeout or pg_cancel_backend (57014)",
                        new IllegalStateException("a statement failed",
                                new SQLException("canceling statement due to statement timeout", "57014")), true),
                new Case("commit fails with the connection error as cause",
                        new IllegalStateException("commit", new PersistenceException(refused)), true),
                new Case("unique violation is not unavailability",
                        new PersistenceException(new SQLException("duplicate key", "23505")), false),
                new Case("a bug is not unavailability", new NullPointerException(), false));
    }

    private static Throwable commitFailure() {
        jakarta.transaction.RollbackException rollback = new jakarta.transaction.RollbackException(
                "ARJUNA016053: Could not commit transaction.");
        javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException(
                "Error trying to transactionCommit local transaction: An I/O error occurred while sending to the backend.");
        xa.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        rollback.addSuppressed(xa);
        return new RuntimeException("Error invoking subclass method", rollback);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recognised(Case c) {
        assertEquals(c.unavailable(), ErrorMapper.isDatabaseUnavailable(c.failure()));
    }
}
