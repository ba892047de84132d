package io.scimserver.scim.query;

import io.scimserver.scim.filter.sql.SortKey;
import io.scimserver.scim.filter.sql.SqlFragment;
import java.util.List;
import java.util.UUID;

/**
 * Keyset ("seek") paging over the total order {@code (sort key, id)}: the rows after a position are those whose key
 * and id compare greater, never an OFFSET, so a row inserted or deleted elsewhere in the list moves no other row into
 * or out of the next page. A scan reads the list forwards (NULL keys last) or backwards (NULL keys first, for a
 * previous page). Key values are bound as text and cast to the key's SQL type; they come from the service's own
 * cursors, never as SQL.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * The ORDER BY list (without the keywords) of a scan: the key, then {@code idColumn}, both in the same direction;
     * NULL keys last, or first when {@code nullsFirst}. A key that cannot be NULL gets no NULLS clause, so an index
     * on {@code (org_id, key, id)} serves both directions.
     */
    public static String orderBy(SortKey key, String idColumn, boolean descending, boolean nullsFirst) {
        String direction = descending ? " DESC" : " ASC";
        String nulls = key.nullable() ? (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : "";
        return key.expr() + direction + nulls + ", " + idColumn + direction;
    }

    /**
     * The rows strictly after {@code (anchorKey, anchorId)} in the scan {@link #orderBy} writes with the same
     * arguments. {@code anchorKey} is the anchor row's key as text, or null when its key was NULL.
     */
    public static SqlFragment after(SortKey key, String idColumn, boolean descending, boolean nullsFirst,
            String anchorKey, UUID anchorId) {
        String op = descending ? " < " : " > ";
        String k = key.expr();
        String value = "CAST(? AS " + key.sqlType() + ")";
        if (anchorKey == null) {
            // among NULL keys only the id orders; with NULLs first every non-NULL key comes after them
            return nullsFirst
                    ? new SqlFragment("(" + k + " IS NOT NULL OR " + idColumn + op + "?)", List.of(anchorId))
                    : new SqlFragment("(" + k + " IS NULL AND " + idColumn + op + "?)", List.of(anchorId));
        }
        if (!key.nullable()) {
            return new SqlFragment("(" + k + ", " + idColumn + ")" + op + "(" + value + ", ?)",
                    List.of(anchorKey, anchorId));
        }
        return new SqlFragment("(" + k + op + value + " OR (" + k + " = " + value + " AND " + idColumn + op + "?)"
                + (nullsFirst ? "" : " OR " + k + " IS NULL") + ")", List.of(anchorKey, anchorKey, anchorId));
    }
}
