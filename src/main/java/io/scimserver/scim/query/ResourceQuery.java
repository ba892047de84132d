package io.scimserver.scim.query;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.scim.filter.FilterPrinter;
import io.scimserver.scim.filter.sql.FilterSqlTranslator;
import io.scimserver.scim.filter.sql.ScimTable;
import io.scimserver.scim.filter.sql.SortKey;
import io.scimserver.scim.filter.sql.SqlFragment;
import io.scimserver.scim.schema.AttributeLookup;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * Runs a {@link ListQuery} in PostgreSQL: the filter and sort become SQL with bound parameters, and rows are never
 * loaded to be filtered in memory. Index paging cuts the page by LIMIT/OFFSET; cursor paging (RFC 9865) by a keyset
 * condition on {@code (sort key, id)} (see {@link Keyset}), so it stays put while rows are inserted or deleted. The
 * total is counted only when the page does not already tell it (a first page shorter than {@code count} is the whole
 * result, which is the common Entra probe).
 */
public final class ResourceQuery {

    private ResourceQuery() {
    }

    /**
     * One page of results and the total number of matches; by index, {@code startIndex} (cursors null), by cursor,
     * the cursors of the next and previous pages where there are such pages ({@code startIndex} null).
     */
    public record Page<T>(long total, List<T> items, Integer startIndex, String nextCursor, String previousCursor) {
    }

    /** A resource of a page with the value of the companion column selected alongside it. */
    public record Row<T>(T resource, String companion) {
    }

    /** A row as read: the resource, its companion and its sort key as text (each null when not selected). */
    private record Read<T>(T resource, String companion, String key, UUID id) {
    }

    /**
     * @param scope extra SQL condition on the table alias, without client input ({@code r.source = 'PROVISIONED'})
     */
    public static <T> Page<T> run(Class<T> entity, ScimTable table, String tableName, String scope,
            AttributeLookup lookup, UUID orgId, ListQuery q, CursorCodec cursors) {
        Page<Row<T>> page = run(entity, table, tableName, scope, lookup, orgId, q, null, cursors);
        return new Page<>(page.total(), page.items().stream().map(Row::resource).toList(), page.startIndex(),
                page.nextCursor(), page.previousCursor());
    }

    /**
     * As {@link #run(Class, ScimTable, String, String, AttributeLookup, UUID, ListQuery, CursorCodec)}, with
     * {@code companion} selected in the same statement as each row (so from the same snapshot, in the same round
     * trip): a SQL expression over the table alias, without client input, read as text; null selects none.
     */
    public static <T> Page<Row<T>> run(Class<T> entity, ScimTable table, String tableName, String scope,
            AttributeLookup lookup, UUID orgId, ListQuery q, String companion, CursorCodec cursors) {
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
        return q.byCursor()
                ? byCursor(entity, table, key, where, params, q, companion, cursors, orgId)
                : byIndex(entity, table, key, where, params, q, companion);
    }

    private static <T> Page<Row<T>> byIndex(Class<T> entity, ScimTable table, SortKey key, StringBuilder where,
            List<Object> params, ListQuery q, String companion) {
        List<Read<T>> rows = List.of();
        if (q.count() > 0) {
            String order = Keyset.orderBy(key, table.alias() + ".id", q.descending(), false);
            rows = select(entity, table, where, params, order, " offset " + (q.startIndex() - 1), q.count(), null,
                    companion);
        }
        long total = q.startIndex() == 1 && rows.size() < q.count() ? rows.size() : count(where, params);
        return new Page<>(total, rows(rows), q.startIndex(), null, null);
    }

    /**
     * A page after (or, for a previous-page cursor, before) the cursor's row, read in scan order with one row more
     * than asked for, which tells whether there is a page beyond. A previous page is scanned backwards and reversed.
     */
    private static <T> Page<Row<T>> byCursor(Class<T> entity, ScimTable table, SortKey key, StringBuilder where,
            List<Object> params, ListQuery q, String companion, CursorCodec cursors, UUID orgId) {
        byte[] fingerprint = fingerprint(table, orgId, q);
        Instant now = Instant.now();
        Cursor at = q.cursor().isEmpty() ? null : cursors.decode(q.cursor(), fingerprint, now);
        if (q.count() == 0) {
            return new Page<>(count(where, params), List.of(), null, null, null);
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
        List<Read<T>> rows = select(entity, table, scan, scanParams, Keyset.orderBy(key, id, descending, backward),
                "", q.count() + 1, key, companion);
        boolean beyond = rows.size() > q.count();
        rows = new ArrayList<>(rows.subList(0, Math.min(rows.size(), q.count())));
        if (backward) {
            Collections.reverse(rows);
        }
        String next = null;
        String previous = null;
        if (!rows.isEmpty()) {
            Read<T> first = rows.get(0);
            Read<T> last = rows.get(rows.size() - 1);
            // the extra row read shows a page beyond in the scan's direction; behind it lies the cursor's row (or, if
            // that was deleted meanwhile, its place), and before the first page nothing
            if (backward || beyond) {
                next = cursors.encode(Cursor.after(last.key(), last.id()), fingerprint, now);
            }
            if (backward ? beyond : at != null) {
                previous = cursors.encode(Cursor.before(first.key(), first.id()), fingerprint, now);
            }
        }
        long total = at == null && !beyond ? rows.size() : count(where, params);
        return new Page<>(total, rows(rows), null, next, previous);
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

    private static <T> List<Row<T>> rows(List<Read<T>> rows) {
        return rows.stream().map(r -> new Row<>(r.resource(), r.companion())).toList();
    }

    private static long count(StringBuilder where, List<Object> params) {
        return ((Number) bind(Panache.getEntityManager().createNativeQuery(numbered(
                new StringBuilder("select count(*)").append(where))), params).getSingleResult()).longValue();
    }

    /**
     * {@code select a.* [, key as text] ... order by ... limit n [offset]}, with the companion around the page when
     * asked for: as a column of the page's own select, PostgreSQL would also compute it for every row that OFFSET
     * skips whenever an index supplies the order.
     */
    @SuppressWarnings("unchecked")
    private static <T> List<Read<T>> select(Class<T> entity, ScimTable table, StringBuilder where, List<Object> params,
            String order, String offset, int limit, SortKey key, String companion) {
        String a = table.alias();
        StringBuilder select = new StringBuilder("select ").append(a).append(".*");
        if (key != null) {
            select.append(", (").append(key.expr()).append(")::text as sort_key");
        }
        select.append(where).append(" order by ").append(order).append(" limit ").append(limit).append(offset);
        if (companion != null) {
            select.insert(0, "select " + a + ".*, " + companion + " as companion from (").append(") ").append(a)
                    .append(" order by ").append(order);
        }
        NativeQuery<?> query = Panache.getEntityManager().unwrap(Session.class)
                .createNativeQuery(numbered(select)).addEntity(a, entity);
        if (key != null) {
            query.addScalar("sort_key", String.class);
        }
        if (companion != null) {
            query.addScalar("companion", String.class);
        }
        List<?> results = bind(query, params).getResultList();
        if (key == null && companion == null) {
            return ((List<T>) results).stream().map(r -> new Read<>(r, null, null, null)).toList();
        }
        List<Read<T>> rows = new ArrayList<>(results.size());
        for (Object result : results) {
            Object[] r = (Object[]) result;
            T resource = (T) r[0];
            rows.add(new Read<>(resource, companion == null ? null : (String) r[r.length - 1],
                    key == null ? null : (String) r[1], key == null ? null : idOf(resource)));
        }
        return rows;
    }

    /** The entity's id, through JPA: this package knows no entity class. */
    private static UUID idOf(Object resource) {
        return (UUID) Panache.getEntityManager().getEntityManagerFactory().getPersistenceUnitUtil()
                .getIdentifier(resource);
    }

    /**
     * JDBC-style {@code ?} placeholders become Hibernate's ordinal {@code ?1, ?2, ...}. A {@code ?} inside a quoted
     * string literal ({@code '...'}, with {@code ''} for a quote) or a quoted identifier ({@code "..."}) is text and
     * stays as it is, so correctness does not rest on {@code Sql.key} refusing {@code ?} in JSON keys.
     */
    static String numbered(CharSequence sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            out.append(c);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: same result
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?') {
                out.append(++n);
            }
        }
        return out.toString();
    }

    private static <Q extends Query> Q bind(Q query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }
}
