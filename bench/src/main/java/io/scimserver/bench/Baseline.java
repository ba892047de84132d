package io.scimserver.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The limit the hardware sets: the same single-row inserts and indexed selects the service needs, sent straight to
 * PostgreSQL over JDBC, each its own transaction (autocommit, synchronous_commit as configured, like the service),
 * against the same {@code users} table with its unique index on {@code (org_id, lower(user_name))} among live
 * accounts, through a pool of as many connections as the service's ({@code quarkus.datasource.jdbc.max-size}). The
 * select names the index's predicate ({@code deprovisioned_at is null}), as the service's filter does: without it
 * PostgreSQL cannot use the partial index and scans the table.
 */
final class Baseline implements AutoCloseable {

    static final String INSERT = """
            insert into users (id, org_id, user_name, external_id, display_name, active, password_hash, attributes,
                               version, created, last_modified)
            values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""";
    static final String SELECT = """
            select id, org_id, user_name, external_id, display_name, active, password_hash, attributes, version,
                   created, last_modified
            from users where org_id = ? and lower(user_name) = lower(?) and deprovisioned_at is null""";

    private final BlockingQueue<Connection> pool;

    Baseline(Database db, int size) throws SQLException {
        pool = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(db.connect());
        }
    }

    /** One user row with the attributes the service stores for Entra's POST (one transaction). */
    void insert(UUID orgId, String userName, String externalId, String given, String family) throws Exception {
        ObjectNode a = Scim.JSON.createObjectNode();
        a.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User")
                .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        a.put("externalId", externalId).put("userName", userName).put("active", true);
        a.putArray("emails").addObject().put("primary", true).put("type", "work").put("value", userName);
        a.putObject("name").put("formatted", given + " " + family).put("familyName", family).put("givenName", given);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Connection c = take();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, orgId);
            ps.setString(3, userName);
            ps.setString(4, externalId);
            ps.setString(5, null);
            ps.setBoolean(6, true);
            ps.setString(7, null);
            ps.setString(8, a.toString());
            ps.setLong(9, 1);
            ps.setObject(10, now);
            ps.setObject(11, now);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("insert of " + userName + " wrote no row");
            }
        } finally {
            pool.add(c);
        }
    }

    /** The lookup a {@code userName eq} filter needs (one transaction); returns the rows found. */
    int select(UUID orgId, String userName) throws Exception {
        Connection c = take();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setObject(1, orgId);
            ps.setString(2, userName);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(8);
                    n++;
                }
            }
            return n;
        } finally {
            pool.add(c);
        }
    }

    private Connection take() throws InterruptedException {
        Connection c = pool.poll(30, TimeUnit.SECONDS);
        if (c == null) {
            throw new IllegalStateException("no JDBC connection free within 30 s");
        }
        return c;
    }

    @Override
    public void close() {
        for (Connection c : List.copyOf(pool)) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing at the end of the run
            }
        }
    }
}
