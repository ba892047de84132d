package io.scimserver.roles;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's membership of a role. Groups can hold hundreds of thousands of members, so membership changes run as
 * set operations in SQL ({@link Memberships}), never by loading a role's members.
 */
@Entity
@Table(name = "memberships")
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {

    @Id
    @Column(name = "role_id")
    public UUID roleId;

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "org_id")
    public UUID orgId;

    public Instant created;

    /** The primary key: one membership per (role, user). */
    public record Key(UUID roleId, UUID userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
