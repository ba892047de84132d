package io.scimserver.web;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.scimserver.scim.protocol.ScimException;
import org.hibernate.exception.ConstraintViolationException;

/** Turns the database's unique constraints into 409 answers, so uniqueness is decided by PostgreSQL alone. */
public final class Conflicts {

    private Conflicts() {
    }

    /** Persists and flushes the entity; a unique-constraint violation becomes 409 {@code uniqueness}. */
    public static void persistUnique(PanacheEntityBase entity, String detail) {
        try {
            entity.persistAndFlush();
        } catch (ConstraintViolationException e) {
            throw ScimException.uniqueness(detail);
        }
    }

    /** Flushes pending changes; a unique-constraint violation becomes 409 {@code uniqueness}. */
    public static void flushUnique(String detail) {
        try {
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager().flush();
        } catch (ConstraintViolationException e) {
            throw ScimException.uniqueness(detail);
        }
    }
}
