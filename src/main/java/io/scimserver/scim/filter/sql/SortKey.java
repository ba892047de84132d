package io.scimserver.scim.filter.sql;

/**
 * What a list is sorted by: an SQL expression over the resource's table alias (no client input in it), the SQL type
 * its values have, and whether it can be NULL (an absent attribute). Rows with equal keys are ordered by {@code id},
 * which makes every order total, so pages (by index or by cursor) never overlap.
 *
 * @param expr the sort expression, such as {@code lower(u.user_name)}
 * @param sqlType the PostgreSQL type of {@code expr}: a key read back as text is cast to it for comparison
 * @param nullable whether {@code expr} can be NULL; NULLs sort last in both directions
 */
public record SortKey(String expr, String sqlType, boolean nullable) {

    /** The default order of a list without {@code sortBy}: creation time (then id), which never changes. */
    public static SortKey created(ScimTable table) {
        return new SortKey(table.alias() + ".created", "timestamptz", false);
    }
}
