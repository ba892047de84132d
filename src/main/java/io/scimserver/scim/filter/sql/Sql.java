package io.scimserver.scim.filter.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects SQL text and its bound parameters in the order the placeholders appear. */
final class Sql {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_$:./\\-]+");

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Sql append(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends {@code placeholder} (a {@code ?}, possibly wrapped, like {@code lower(?)}) and binds {@code value}. */
    Sql bind(String placeholder, Object value) {
        text.append(placeholder);
        params.add(value);
        return this;
    }

    SqlFragment fragment() {
        return new SqlFragment(text.toString(), params);
    }

    /**
     * A JSON key from a schema definition as an SQL string literal. Keys come from {@code AttributeDef} names and
     * schema URNs, never from the client; anything outside their alphabet is refused rather than escaped.
     */
    static String key(String name) {
        if (!SAFE_KEY.matcher(name).matches()) {
            throw new IllegalStateException("attribute name unfit for SQL: " + name);
        }
        return "'" + name + "'";
    }

    /** Escapes the LIKE wildcards of {@code value}, for use with {@code ESCAPE '\'}. */
    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
