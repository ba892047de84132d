package io.scimserver.scim.query;

import io.agroal.api.AgroalDataSource;
import io.scimserver.scim.filter.FilterPrinter;
import io.scimserver.scim.filter.sql.FilterSqlTranslator;
import io.scimserver.scim.filter.sql.ScimTable;
import io.scimserver.scim.filter.sql.SortKey;
import io.scimserver.scim.filter.sql.SqlFragment;
import io.scimserver.scim.schema.AttributeLookup;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs a {@link ListQuery} in PostgreSQL: the filter and sort become SQL with bound parameters, and rows are never
 * loaded to be filtered in memory. Index paging cuts the page by LIMIT/OFFSET; cursor paging (RFC 9865) by a keyset
 * condition on {@code (sort key, id)} (see {@link Keyset}), so it stays put while rows are inserted or deleted. The
 * total is counted only when the page does not already tell it (a first page shorter than {@code count} is the whole
 * result, which is the common Entra probe).
 *
 * <p>The statements run with plain JDBC on the service's pool ({@link PageReader}), not through Hibernate: a page is
 * read, never changed, and the columns a SCIM resource is rendered from are the same in every resource table, so
 * entities, a session and its persistence context would only cost time on the most frequent request (issue #18).
 */
@Singleton
public class ResourceQuery {

    private final DataSource dataSource;
    private final CursorCodec cursors;

    public ResourceQuery(AgroalDataSource dataSource, Cursors cursors) {
        this.dataSource = dataSource;
        this.cursors = cursors.codec();
    }

    /**
     * One page of results and the total number of matches; by index, {@code startIndex} (cursors null), by cursor,
     * the cursors of the next and previous pages where there are such pages ({@code startIndex} null).
     */
    public record Page(long total, List<Row> items, Integer startIndex, String nextCursor, String previousCursor) {
    }

    /**
     * A resource of a page as stored: what its SCIM representation is rendered from, and the value of the companion
     * column selected alongside it (null when none was asked for, or when it is SQL NULL).
     *
     * @param attributes the stored attributes, a JSON object as text
     */
    public record Row(UUID id, String attributes, long version, Instant created, Instant lastModified,
            String companion) {
    }

    /**
     * @param scope extra SQL condition on the table alias, without client input ({@code r.source = 'PROVISIONED'})
     * @param companion a SQL expression over the table alias, without client input, read as text and selected in the
     *     same statement as each row (so from the same snapshot, in the same round trip); null selects none
     */
    public Page run(ScimTable table, String tableName, String scope, AttributeLookup lookup, UUID orgId,
            ListQuery q, String companion) {
        FilterSqlTranslator translator = new FilterSqlTranslator(table, lookup);
        String a = table.alias();
        SortKey key = q.sortBy() == null ? SortKey.created(table) : translator.sortKey(q.sortBy());
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        StringBuilder where = new StringBuilder(" from " + tableName + " " + a + " where " + a + ".org_id = ?");
        if (scope != null) {
            where.append(" and ").append(scope);
        }
        if (q.filter() != null) {
            SqlFragment f = translator.translate(q.filter());
            where.append(" and (").append(f.sql()).append(")");
            params.addAll(f.params());
        }
        if (!q.byCursor() && q.filter() != null && SelectiveFilters.atMostOneRow(table, q.filter())) {
            // the filter's row first, by its unique index, then the page's order (offset 0 keeps them apart)
            where.insert(0, " from (select " + a + ".*").append(" offset 0) ").append(a);
        }
        try (PageReader reader = new PageReader(dataSource)) {
            return q.byCursor()
                    ? byCursor(reader, table, key, where, params, q, companion, orgId)
                    : byIndex(reader, table, key, where, params, q, companion);
        }
    }

    private static Page byIndex(PageReader reader, ScimTable table, SortKey key, StringBuilder where,
            List<Object> params, ListQuery q, String companion) {
        List<PageReader.Read> rows = List.of();
        if (q.count() > 0) {
            String order = Keyset.orderBy(key, table.alias() + ".id", q.descending(), false);
            rows = reader.select(select(table, where, order, " offset " + (q.startIndex() - 1), q.count(), null,
                    companion), params, false, companion != null);
        }
        long total = q.startIndex() == 1 && rows.size() < q.count() ? rows.size() : count(reader, where, params);
        return new Page(total, rows(rows), q.startIndex(), null, null);
    }

    /**
     * A page after (or, for a previous-page cursor, before) the cursor's row, read in scan order with one row more
     * than asked for, which tells whether there is a page beyond. A previous page is scanned backwards and reversed.
     */
    private Page byCursor(PageReader reader, ScimTable table, SortKey key, StringBuilder where, List<Object> params,
            ListQuery q, String companion, UUID orgId) {
        byte[] fingerprint = fingerprint(table, orgId, q);
        Instant now = Instant.now();
        Cursor at = q.cursor().isEmpty() ? null : cursors.decode(q.cursor(), fingerprint, now);
        if (q.count() == 0) {
            return new Page(count(reader, where, params), List.of(), null, null, null);
        }
        boolean backward = at != null && at.backward();
        boolean descending = q.descending() != backward;
        String id = table.alias() + ".id";
        StringBuilder scan = new StringBuilder(where);
        List<Object> scanParams = new ArrayList<>(params);
        if (at != null) {
            SqlFragment after = Keyset.after(key, id, descending, backward, at.key(), at.id());
            scan.append(" and ").append(after.sql());
            scanParams.addAll(after.params());
        }
        List<PageReader.Read> rows = reader.select(select(table, scan, Keyset.orderBy(key, id, descending, backward),
                "", q.count() + 1, key, companion), scanParams, true, companion != null);
        boolean beyond = rows.size() > q.count();
        rows = new ArrayList<>(rows.subList(0, Math.min(rows.size(), q.count())));
        if (backward) {
            Collections.reverse(rows);
        }
        String next = null;
        String previous = null;
        if (!rows.isEmpty()) {
            PageReader.Read first = rows.get(0);
            PageReader.Read last = rows.get(rows.size() - 1);
            // the extra row read shows a page beyond in the scan's direction; behind it lies the cursor's row (or, if
            // that was deleted meanwhile, its place), and before the first page nothing
            if (backward || beyond) {
                next = cursors.encode(Cursor.after(last.key(), last.row().id()), fingerprint, now);
            }
            if (backward ? beyond : at != null) {
                previous = cursors.encode(Cursor.before(first.key(), first.row().id()), fingerprint, now);
            }
        }
        long total = at == null && !beyond ? rows.size() : count(reader, where, params);
        return new Page(total, rows(rows), null, next, previous);
    }

    /**
     * What a cursor is bound to: the resource type, the organisation, the filter (attribute names in lower case,
     * values as written), sortBy (in lower case) and sortOrder. Not count, attributes or excludedAttributes.
     */
    static byte[] fingerprint(ScimTable table, UUID orgId, ListQuery q) {
        return CursorCodec.fingerprint(table.resourceType(), orgId.toString(),
                q.filter() == null ? "" : namesInLowerCase(FilterPrinter.print(q.filter())),
                q.sortBy() == null ? "" : q.sortBy().toString().toLowerCase(Locale.ROOT),
                q.descending() ? "descending" : "ascending");
    }

    /** The printed filter with everything outside its string literals (names, operators, keywords) in lower case. */
    static String namesInLowerCase(String printed) {
        StringBuilder out = new StringBuilder(printed.length());
        boolean inString = false;
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < printed.length()) {
                    out.append(printed.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else {
                inString = c == '"';
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static List<Row> rows(List<PageReader.Read> rows) {
        return rows.stream().map(PageReader.Read::row).toList();
    }

    private static long count(PageReader reader, StringBuilder where, List<Object> params) {
        return reader.count(new StringBuilder("select count(*)").append(where), params);
    }

    /**
     * {@code select <columns> [, key as text] ... order by ... limit n [offset]}, with the companion around the page
     * when asked for: as a column of the page's own select, PostgreSQL would also compute it for every row that
     * OFFSET skips whenever an index supplies the order. The columns are {@link PageReader#COLUMNS}, then
     * {@code sort_key} when {@code key} is given, then {@code companion}.
     */
    private static String select(ScimTable table, StringBuilder where, String order, String offset, int limit,
            SortKey key, String companion) {
        String a = table.alias();
        String columns = PageReader.columns(table);
        String sortKey = key == null ? "" : ", (" + key.expr() + ")::text as sort_key";
        StringBuilder select = new StringBuilder("select ");
        select.append(companion == null ? columns : a + ".*").append(sortKey).append(where).append(" order by ")
                .append(order).append(" limit ").append(limit).append(offset);
        if (companion != null) {
            select.insert(0, "select " + columns + (key == null ? "" : ", " + a + ".sort_key") + ", " + companion
                    + " as companion from (").append(") ").append(a).append(" order by ").append(order);
        }
        return select.toString();
    }
}
