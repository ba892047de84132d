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

    /** By name, compared as {@link Identifiers#key} compares; a name that cannot be canonical names none. */
    public static Optional<Organization> findByName(String name) {
        return Identifiers.tryCanonical(name)
                .flatMap(n -> Organization.<Organization>find("lower(name) = lower(?1)", n).firstResultOptional());
    }
}
