package io.scimserver.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The run's own database {@code scim_bench_<random>} on the shared PostgreSQL: created, inspected, dropped. */
final class Database implements AutoCloseable {

    final String name;
    private final Options o;
    private boolean created;

    Database(Options o) {
        this.o = o;
        this.name = "scim_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    String url() {
        return url(name);
    }

    private String url(String db) {
        return "jdbc:postgresql://" + o.pgHost() + ":" + o.pgPort() + "/" + db;
    }

    void create() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), o.pgUser(), o.pgPassword());
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
            created = true;
            for (String setting : o.dbSet().split(";")) {
                if (!setting.isBlank()) {
                    String[] kv = setting.split("=", 2);
                    if (kv.length != 2 || !kv[0].trim().matches("[a-z_.]+")) {
                        throw new IllegalArgumentException("--db-set wants name=value;..., got " + setting);
                    }
                    s.execute("alter database " + name + " set " + kv[0].trim() + " = '" + kv[1].trim().replace("'", "''") + "'");
                }
            }
        }
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url(), o.pgUser(), o.pgPassword());
        c.setAutoCommit(true);
        return c;
    }

    /**
     * A connection to the server's {@code postgres} database, for queries about this one that must not count among its
     * transactions in {@code pg_stat_database} (the activity sampler's 50 queries a second did).
     */
    Connection connectBeside() throws SQLException {
        Connection c = DriverManager.getConnection(url("postgres"), o.pgUser(), o.pgPassword());
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public void close() {
        if (!created) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), o.pgUser(), o.pgPassword());
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            created = false;
            System.err.println("dropped database " + name);
        } catch (SQLException e) {
            System.err.println("could not drop database " + name + ": " + e.getMessage());
        }
    }

    // ---- queries the harness needs ----

    static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * Adds users {@code prefix<i>@bench.example} for i in [from, to) to the organisation in one statement, with the
     * same columns and the same jsonb shape the service writes for Entra's POST, and their PUBLIC memberships. This
     * only builds the population the lookups and the large group need; it is not measured.
     */
    static void bulkUsers(Connection c, UUID orgId, String prefix, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                with n as (select i, ? || i || '@bench.example' as un from generate_series(?, ? - 1) i),
                ins as (
                  insert into users (id, org_id, user_name, external_id, display_name, active, attributes, version,
                                     created, last_modified)
                  select gen_random_uuid(), ?, un, 'x' || i, null, true,
                         jsonb_build_object(
                           'schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:User',
                                                        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'),
                           'externalId', 'x' || i, 'userName', un, 'active', true,
                           'emails', jsonb_build_array(jsonb_build_object('primary', true, 'type', 'work', 'value', un)),
                           'name', jsonb_build_object('formatted', 'Given' || i || ' Family', 'familyName', 'Family',
                                                      'givenName', 'Given' || i)),
                         1, clock_timestamp(), clock_timestamp()
                  from n
                  returning id)
                insert into memberships (role_id, user_id, org_id, created)
                select r.id, ins.id, ?, now() from ins, roles r where r.org_id = ? and r.source = 'SYSTEM' and r.name = 'PUBLIC'
                """)) {
            ps.setString(1, prefix);
            ps.setInt(2, from);
            ps.setInt(3, to);
            ps.setObject(4, orgId);
            ps.setObject(5, orgId);
            ps.setObject(6, orgId);
            ps.executeUpdate();
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
