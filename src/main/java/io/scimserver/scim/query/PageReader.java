package io.scimserver.scim.query;

import io.scimserver.scim.filter.sql.ScimTable;
import io.scimserver.store.NumberedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs the statements of one list request with plain JDBC on a connection of the service's pool, taken at the first
 * statement (bad input is refused before any is) and returned on {@link #close}. Outside a transaction the connection
 * autocommits, so a statement is one round trip: no entity manager, no persistence context, no BEGIN or COMMIT.
 */
final class PageReader implements AutoCloseable {

    /** The columns every resource table has, in the order {@link #select} reads them. */
    static final String COLUMNS = "%1$s.id, %1$s.attributes, %1$s.version, %1$s.created, %1$s.last_modified";
    private static final String[] COLUMNS_OF = Arrays.stream(ScimTable.values())
            .map(t -> COLUMNS.formatted(t.alias())).toArray(String[]::new);

    /** {@link #COLUMNS} of {@code table}'s alias, formatted once rather than on every page. */
    static String columns(ScimTable table) {
        return COLUMNS_OF[table.ordinal()];
    }

    private final DataSource dataSource;
    private Connection connection;

    PageReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A row as read: the resource with its companion, and its sort key as text when the select has one. */
    record Read(ResourceQuery.Row row, String key) {
    }

    /**
     * The rows of {@code sql}, whose columns are {@link #COLUMNS}, then {@code sort_key} when {@code withKey}, then
     * {@code companion} when {@code withCompanion}, all after the first as text.
     */
    List<Read> select(CharSequence sql, List<Object> params, boolean withKey, boolean withCompanion) {
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            List<Read> rows = new ArrayList<>();
            while (rs.next()) {
                String key = withKey ? rs.getString(6) : null;
                String companion = withCompanion ? rs.getString(withKey ? 7 : 6) : null;
                rows.add(new Read(new ResourceQuery.Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                        instant(rs, 4), instant(rs, 5), companion), key));
            }
            return rows;
        } catch (SQLException e) {
            throw NumberedStatement.failed(e);
        }
    }

    /** The single number {@code sql} answers, such as {@code select count(*) ...}. */
    long count(CharSequence sql, List<Object> params) {
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw NumberedStatement.failed(e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw NumberedStatement.failed(e);
            }
        }
    }

    private PreparedStatement prepare(CharSequence sql, List<Object> params) throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
        }
        PreparedStatement ps = connection.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
