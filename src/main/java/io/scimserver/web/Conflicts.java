package io.scimserver.web;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.scimserver.scim.protocol.ScimException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.jboss.logging.Logger;

/**
 * Turns the database's constraints into answers, so uniqueness is decided by PostgreSQL alone. Only a unique
 * violation is {@code 409 uniqueness}; a foreign key that no longer holds (its row was deleted by a concurrent
 * request) is a plain 409 to retry; a NOT NULL or CHECK violation is a value the store refuses ({@code 400
 * invalidValue}). An expected conflict is logged once, at INFO, by {@link ErrorMapper}, never as the JDBC driver's
 * error.
 */
public final class Conflicts {

    private static final Logger LOG = Logger.getLogger(Conflicts.class);

    private Conflicts() {
    }

    /** Persists and flushes the entity; a unique-constraint violation becomes 409 {@code uniqueness}. */
    public static void persistUnique(PanacheEntityBase entity, String detail) {
        try {
            entity.persistAndFlush();
        } catch (ConstraintViolationException e) {
            throw toScim(e, detail);
        }
    }

    /** Flushes pending changes; a unique-constraint violation becomes 409 {@code uniqueness}. */
    public static void flushUnique(String detail) {
        try {
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager().flush();
        } catch (ConstraintViolationException e) {
            throw toScim(e, detail);
        }
    }

    /** The answer to a constraint violation; {@code uniqueDetail} says what was taken, when it is a unique one. */
    public static ScimException toScim(ConstraintViolationException e, String uniqueDetail) {
        ScimException answer = answer(e.getKind(), uniqueDetail);
        if (answer == null) {
            throw e; // not a rule a client can break: a bug, answered 500 with its cause in the log
        }
        LOG.debugf("constraint %s: %s", e.getConstraintName(), answer.detail());
        return answer;
    }

    /**
     * The answer to a constraint violation that a statement run with plain JDBC reported (an {@link SQLException}
     * among the causes of {@code e}, SQLState class 23) as {@link #toScim(ConstraintViolationException, String)}
     * answers Hibernate's; null when there is none, or none a client can break.
     */
    public static ScimException fromStatement(Throwable e, String uniqueDetail) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 16; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                ScimException answer = answer(switch (sql.getSQLState()) {
                    case "23505" -> ConstraintKind.UNIQUE;
                    case "23503" -> ConstraintKind.FOREIGN_KEY;
                    case "23502" -> ConstraintKind.NOT_NULL;
                    case "23514" -> ConstraintKind.CHECK;
                    default -> ConstraintKind.OTHER;
                }, uniqueDetail);
                if (answer != null) {
                    LOG.debugf("constraint (SQLState %s): %s", sql.getSQLState(), answer.detail());
                }
                return answer;
            }
        }
        return null;
    }

    private static ScimException answer(ConstraintKind kind, String uniqueDetail) {
        return switch (kind) {
            case UNIQUE -> ScimException.uniqueness(uniqueDetail);
            case FOREIGN_KEY -> ScimException.conflict(
                    "an object this request refers to was changed or removed by another request; retry");
            case NOT_NULL, CHECK -> ScimException.invalidValue("a value of this request is refused by the store's rules");
            case OTHER -> null;
        };
    }
}
