package io.scimserver.scim.filter.sql;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.CompareOp;
import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.Literal;
import io.scimserver.scim.filter.sql.Target.Column;
import io.scimserver.scim.filter.sql.Target.ColumnKind;
import io.scimserver.scim.filter.sql.Target.Json;
import io.scimserver.scim.filter.sql.Target.Leaf;
import io.scimserver.scim.filter.sql.Target.Many;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.AttributeLookup;
import java.util.function.Consumer;

/**
 * Turns a parsed SCIM filter into a PostgreSQL boolean expression over {@code users u} or {@code roles r}, and a
 * {@code sortBy} path into an ORDER BY list. Client values are only ever bound parameters. The same input always
 * gives the same SQL text (good for statement caches). Not thread-safe: it numbers the subquery aliases it writes.
 *
 * <p>Errors are {@link ScimException}s with scimType {@code invalidFilter}: unknown attribute, a {@code returned:
 * never} attribute, an operator that does not fit the attribute's type, a value of the wrong type.
 */
public final class FilterSqlTranslator {

    private final ScimTable table;
    private final TargetResolver resolver;

    public FilterSqlTranslator(ScimTable table, AttributeLookup lookup) {
        this.table = table;
        this.resolver = new TargetResolver(table, lookup);
    }

    /** The filter as a boolean SQL expression, to be ANDed into the WHERE clause of the resource query. */
    public SqlFragment translate(Filter filter) {
        resolver.resetAliases();
        Sql out = new Sql();
        write(filter, new Scope.Root(), out);
        return out.fragment();
    }

    /**
     * The ORDER BY list (without the keywords {@code ORDER BY}) for {@code sortBy=path}: missing values last in both
     * directions, then the id so that pages are stable. A multi-valued attribute sorts by its primary element (or
     * the first one), as RFC 7644 §3.4.2.3 asks.
     */
    public SqlFragment orderBy(AttrPath path, boolean descending) {
        resolver.resetAliases();
        String key = switch (resolver.resolve(new Scope.Root(), path)) {
            case Leaf leaf -> sortKey(leaf);
            case Many many -> primaryElementKey(many, path);
        };
        String direction = descending ? " DESC" : " ASC";
        return new Sql().append(key + direction + " NULLS LAST, " + table.alias() + ".id" + direction).fragment();
    }

    private void write(Filter filter, Scope scope, Sql out) {
        switch (filter) {
            case Filter.And and -> chain(and, " AND ", scope, out);
            case Filter.Or or -> chain(or, " OR ", scope, out);
            case Filter.Not not -> {
                out.append("NOT (");
                write(not.inner(), scope, out);
                out.append(")");
            }
            case Filter.Compare compare -> compare(compare.attr(), compare.op(), compare.value(), scope, out);
            case Filter.Present present -> present(present.attr(), scope, out);
            case Filter.ValuePath valuePath -> valuePath(valuePath, scope, out);
        }
    }

    /** {@code (a OP b OP c)}: a chain of any length, written flat (no recursion per operand, here or in PostgreSQL). */
    private void chain(Filter chain, String op, Scope scope, Sql out) {
        out.append("(");
        String separator = "";
        for (Filter operand : Filter.operands(chain)) {
            out.append(separator);
            write(operand, scope, out);
            separator = op;
        }
        out.append(")");
    }

    private void compare(AttrPath path, CompareOp op, Literal value, Scope scope, Sql out) {
        switch (resolver.resolve(scope, path)) {
            case Leaf leaf -> LeafPredicates.compare(leaf, op, value, path.toString(), out);
            case Many many -> exists(many, out, element -> compare(elementPath(many), op, value, element, out));
        }
    }

    private void present(AttrPath path, Scope scope, Sql out) {
        switch (resolver.resolve(scope, path)) {
            case Leaf leaf -> LeafPredicates.present(leaf, out);
            case Many many when many.sub() == null -> exists(many, out, null);
            case Many many -> exists(many, out, element -> present(elementPath(many), element, out));
        }
    }

    /** {@code attr[filter]}: one element of {@code attr} matches {@code filter}. */
    private void valuePath(Filter.ValuePath valuePath, Scope scope, Sql out) {
        AttrPath attr = valuePath.attr();
        switch (resolver.resolve(scope, attr)) {
            case Many many when many.sub() == null ->
                    exists(many, out, element -> write(valuePath.filter(), element, out));
            case Json json when json.def().isComplex() ->
                    write(valuePath.filter(), new Scope.JsonElement(json.json(), json.def()), out);
            case Many many -> throw notFilterable(attr);
            case Leaf leaf -> throw notFilterable(attr);
        }
    }

    private static ScimException notFilterable(AttrPath attr) {
        return ScimException.invalidFilter("\"" + attr + "[...]\" needs a multi-valued or complex attribute "
                + "without a sub-attribute before the brackets");
    }

    /** {@code EXISTS (SELECT 1 FROM ... WHERE join AND condition)}; a null {@code condition} means any element. */
    private void exists(Many many, Sql out, Consumer<Scope> condition) {
        out.append("EXISTS (SELECT 1 " + many.from());
        if (many.join() != null || condition != null) {
            out.append(" WHERE ");
        }
        if (many.join() != null) {
            out.append(many.join() + (condition != null ? " AND " : ""));
        }
        if (condition != null) {
            condition.accept(many.element());
        }
        out.append(")");
    }

    /** What {@code emails.value} or plain {@code emails} compares inside one element: the sub or {@code value}. */
    private static AttrPath elementPath(Many many) {
        return AttrPath.of(many.sub() != null ? many.sub().name() : "value");
    }

    private static String sortKey(Leaf leaf) {
        AttributeDef def = leaf.def();
        return switch (leaf) {
            case Column column -> column.kind() == ColumnKind.TEXT && !def.caseExact()
                    ? "lower(" + column.expr() + ")" : column.expr();
            case Json json -> jsonSortKey(json);
        };
    }

    private static String jsonSortKey(Json json) {
        Json value = json.def().isComplex()
                ? json.def().subAttribute("value").map(v -> json.with(v.name(), v)).orElse(json) : json;
        return switch (value.def().type()) {
            case INTEGER, DECIMAL -> "(CASE WHEN jsonb_typeof(" + value.json() + ") = 'number' THEN ("
                    + value.json() + ")::numeric END)";
            case STRING, REFERENCE, BINARY, DATE_TIME, BOOLEAN, COMPLEX -> value.def().caseExact()
                    ? value.text() : "lower(" + value.text() + ")";
        };
    }

    private String primaryElementKey(Many many, AttrPath path) {
        if (!(many.element() instanceof Scope.JsonElement element)) {
            throw ScimException.invalidValue("cannot sort by \"" + path + "\"");
        }
        Leaf value = (Leaf) resolver.resolve(element, elementPath(many));
        String primary = element.attr().subAttribute("primary").isPresent()
                ? " ORDER BY COALESCE(lower(" + element.json() + " ->> 'primary') = 'true', FALSE) DESC" : "";
        return "(SELECT " + sortKey(value) + " " + many.from() + primary + " LIMIT 1)";
    }
}
