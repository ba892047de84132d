package io.scimserver.scim.filter.sql;

import java.util.List;

/**
 * A piece of PostgreSQL with positional {@code ?} placeholders and the values bound to them, in order. Values from
 * the client only ever travel in {@code params}; {@code sql} holds column names, schema-defined JSON keys and
 * operators.
 */
public record SqlFragment(String sql, List<Object> params) {

    public SqlFragment {
        params = List.copyOf(params);
    }
}
