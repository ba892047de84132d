package io.scimserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement of the service's own text whose parameters are numbered, {@code ?1} to {@code ?n}, each usable more
 * than once (as in JPA native queries), run with plain JDBC, which numbers its {@code ?} by position. The text is
 * the service's constant, never client input, and has no {@code ?} in a literal or comment.
 */
public final class NumberedStatement {

    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");

    private final String sql;
    /** For each {@code ?} of {@link #sql} in order, the index (from 0) of the value it takes. */
    private final int[] order;
    private final int count;

    private NumberedStatement(String sql, int[] order, int count) {
        this.sql = sql;
        this.order = order;
        this.count = count;
    }

    /** {@code text} with parameters {@code ?1} to {@code ?n}, each used at least once. */
    public static NumberedStatement of(String text) {
        Matcher m = PARAMETER.matcher(text);
        List<Integer> order = new ArrayList<>();
        int max = 0;
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1) {
                throw new IllegalArgumentException("parameters are numbered from ?1");
            }
            order.add(n - 1);
            max = Math.max(max, n);
        }
        boolean[] used = new boolean[max];
        order.forEach(i -> used[i] = true);
        for (int i = 0; i < max; i++) {
            if (!used[i]) {
                throw new IllegalArgumentException("parameter ?" + (i + 1) + " is never used");
            }
        }
        return new NumberedStatement(m.replaceAll("?"), order.stream().mapToInt(Integer::intValue).toArray(), max);
    }

    /**
     * The statement on {@code connection} with {@code values[i]} bound to {@code ?(i+1)}: a UUID as uuid, an Instant as
     * timestamptz, a String as varchar, a Boolean as boolean, a Long as bigint, an Integer as integer, a UUID[] as
     * uuid[], and a null as varchar: a statement whose parameter may be a null of another type casts it
     * ({@code cast(?3 as uuid)}). Not untyped: pgjdbc would ask PostgreSQL for the statement's parameter types first, a
     * round trip of its own on every execution.
     */
    public PreparedStatement prepare(Connection connection, Object... values) throws SQLException {
        if (values.length != count) {
            throw new IllegalArgumentException(count + " values expected, got " + values.length);
        }
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < order.length; i++) {
                bind(ps, i + 1, values[order[i]]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** The text JDBC is given. */
    String sql() {
        return sql;
    }

    /** For each {@code ?} of {@link #sql()}, the index (from 0) of the value it takes. */
    int[] order() {
        return order.clone();
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case null -> ps.setNull(index, Types.VARCHAR);
            case UUID u -> ps.setObject(index, u);
            case Instant t -> ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            case String s -> ps.setString(index, s);
            case Boolean b -> ps.setBoolean(index, b);
            case Long l -> ps.setLong(index, l);
            case Integer i -> ps.setInt(index, i);
            case UUID[] us -> ps.setArray(index, ps.getConnection().createArrayOf("uuid", us));
            default -> throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName());
        }
    }

    /**
     * Unchecked, with the SQLException as its cause: the error mapper reads its SQLState (a lost connection, an
     * exhausted pool: 503) as it reads Hibernate's.
     */
    public static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("a statement failed", e);
    }
}
