package io.scimserver.scim.query;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.scim.filter.sql.FilterSqlTranslator;
import io.scimserver.scim.filter.sql.ScimTable;
import io.scimserver.scim.filter.sql.SqlFragment;
import io.scimserver.scim.schema.AttributeLookup;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * Runs a {@link ListQuery} in PostgreSQL: the filter and sort become SQL with bound parameters, the page is cut by
 * LIMIT/OFFSET, and rows are never loaded to be filtered in memory. The total is counted only when the page does not
 * already tell it (a first page shorter than {@code count} is the whole result, which is the common Entra probe).
 */
public final class ResourceQuery {

    private ResourceQuery() {
    }

    /** One page of results and the total number of matches. */
    public record Page<T>(long total, List<T> items) {
    }

    /** A resource of a page with the value of the companion column selected alongside it. */
    public record Row<T>(T resource, String companion) {
    }

    /**
     * @param scope extra SQL condition on the table alias, without client input ({@code r.source = 'PROVISIONED'})
     */
    public static <T> Page<T> run(Class<T> entity, ScimTable table, String tableName, String scope,
            AttributeLookup lookup, UUID orgId, ListQuery q) {
        Page<Row<T>> page = run(entity, table, tableName, scope, lookup, orgId, q, null);
        return new Page<>(page.total(), page.items().stream().map(Row::resource).toList());
    }

    /**
     * As {@link #run(Class, ScimTable, String, String, AttributeLookup, UUID, ListQuery)}, with {@code companion}
     * selected in the same statement as each row (so from the same snapshot, in the same round trip): a SQL
     * expression over the table alias, without client input, read as text; null selects none.
     */
    @SuppressWarnings("unchecked")
    public static <T> Page<Row<T>> run(Class<T> entity, ScimTable table, String tableName, String scope,
            AttributeLookup lookup, UUID orgId, ListQuery q, String companion) {
        FilterSqlTranslator translator = new FilterSqlTranslator(table, lookup);
        String a = table.alias();
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
        List<Row<T>> items = List.of();
        if (q.count() > 0) {
            StringBuilder order = new StringBuilder(" order by ");
            List<Object> orderParams = List.of();
            if (q.sortBy() != null) {
                SqlFragment o = translator.orderBy(q.sortBy(), q.descending());
                order.append(o.sql());
                orderParams = o.params();
            } else {
                order.append(a).append(".created, ").append(a).append(".id");
            }
            StringBuilder select = new StringBuilder("select ").append(a).append(".*").append(where).append(order)
                    .append(" limit ").append(q.count()).append(" offset ").append(q.startIndex() - 1);
            List<Object> selectParams = new ArrayList<>(params);
            selectParams.addAll(orderParams);
            if (companion != null) {
                // around the page, not in it: as a column of the page's own select, PostgreSQL would also compute
                // the companion for every row that OFFSET skips whenever an index supplies the order
                select.insert(0, "select " + a + ".*, " + companion + " as companion from (").append(") ").append(a)
                        .append(order);
                selectParams.addAll(orderParams);
            }
            NativeQuery<?> query = Panache.getEntityManager().unwrap(Session.class)
                    .createNativeQuery(numbered(select)).addEntity(a, entity);
            if (companion == null) {
                items = ((List<T>) bind(query, selectParams).getResultList()).stream()
                        .map(r -> new Row<>(r, null)).toList();
            } else {
                items = ((List<Object[]>) bind(query.addScalar("companion", String.class), selectParams)
                        .getResultList()).stream().map(r -> new Row<>((T) r[0], (String) r[1])).toList();
            }
        }
        long total;
        if (q.startIndex() == 1 && items.size() < q.count()) {
            total = items.size();
        } else {
            total = ((Number) bind(Panache.getEntityManager().createNativeQuery(numbered(
                    new StringBuilder("select count(*)").append(where))), params).getSingleResult()).longValue();
        }
        return new Page<>(total, items);
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
