package io.scimserver.store;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Runs a {@link NumberedStatement} with plain JDBC on the connection of the current Hibernate session: in a
 * transaction, the transaction's one connection, after what the transaction changed through Hibernate is written (as
 * Hibernate's native queries do before they run). For hot paths where setting up a native query cost more than
 * PostgreSQL's work on it (BENCHMARKS.md). A failed statement throws Hibernate's exception for its SQLState (a
 * unique violation is a {@code ConstraintViolationException}), which the error mapper answers as any of Hibernate's.
 */
public final class SessionStatements {

    /** What is done with the statement, its parameters bound. */
    public interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /** One row of a result as a value. */
    public interface Row<T> {
        T of(ResultSet row) throws SQLException;
    }

    private SessionStatements() {
    }

    public static <T> T run(NumberedStatement statement, Work<T> work, Object... values) {
        Session session = Panache.getEntityManager().unwrap(Session.class);
        if (QuarkusTransaction.isActive()) {
            session.flush();
        }
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = statement.prepare(c, values)) {
                return work.on(ps);
            }
        });
    }

    /** Runs a query; its first row, if any, as a value. */
    public static <T> Optional<T> one(NumberedStatement statement, Row<T> row, Object... values) {
        return run(statement, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.of(rs)) : Optional.empty();
            }
        }, values);
    }

    /** Runs a query; each of its rows as a value, in order. */
    public static <T> List<T> list(NumberedStatement statement, Row<T> row, Object... values) {
        return run(statement, ps -> {
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.of(rs));
                }
            }
            return out;
        }, values);
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it wrote. */
    public static int update(NumberedStatement statement, Object... values) {
        return run(statement, PreparedStatement::executeUpdate, values);
    }
}
