package io.scimserver.orgs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.scimserver.identity.Identifiers;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A tenant. Every other row belongs to exactly one organisation and is only ever read through it. */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public Instant created;

    /**
     * By name, compared as {@link Identifiers#key} compares; a name that cannot be canonical names none. Native SQL:
     * the start-up's bootstrap runs this, and an HQL query there would load and warm Hibernate's HQL parser before the
     * service listens (a tenth of an AOT-cached restart, BENCHMARKS.md), when the first SCIM requests need no HQL.
     */
    public static Optional<Organization> findByName(String name) {
        return Identifiers.tryCanonical(name).flatMap(n -> getEntityManager()
                .createNativeQuery("select * from organizations where lower(name) = lower(?1)", Organization.class)
                .setParameter(1, n).setMaxResults(1).getResultStream().map(Organization.class::cast).findFirst());
    }
}
