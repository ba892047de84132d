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
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.AttributeLookup;
import io.scimserver.scim.schema.CommonAttributes;
import java.util.function.Consumer;

/**
 * Turns a parsed SCIM filter into a PostgreSQL boolean expression over {@code users u} or {@code roles r}, and a
 * {@code sortBy} path into a {@link SortKey}. Client values are only ever bound parameters. The same input always
 * gives the same SQL text (good for statement caches). Not thread-safe: it numbers the subquery aliases it writes.
 *
 * <p>Errors are {@link ScimException}s with scimType {@code invalidFilter}: unknown attribute, a {@code returned:
 * never} attribute, an operator that does not fit the attribute's type, a value of the wrong type.
 */
public final class FilterSqlTranslator {

    /** How many characters of a text value from the stored JSON take part in sorting. */
    static final int JSON_KEY_LENGTH = 512;

    private final ScimTable table;
    private final AttributeLookup lookup;
    private final TargetResolver resolver;

    public FilterSqlTranslator(ScimTable table, AttributeLookup lookup) {
        this.table = table;
        this.lookup = lookup;
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
     * The sort key for {@code sortBy=path} (RFC 7644 §3.4.2.3): a column or a value of the stored JSON, compared
     * without regard to case where the attribute's {@code caseExact} is false. A multi-valued attribute sorts by its
     * primary element, else its first one ({@code emails} and {@code emails.value} by the value, {@code emails.type}
     * by that element's type). Text from the stored JSON is compared on its first {@value #JSON_KEY_LENGTH}
     * characters (then by id), which keeps cursors short.
     *
     * <p>400 {@code invalidPath} for an attribute the schema does not define, 400 {@code invalidValue} for one that
     * cannot be sorted by ({@code groups}, {@code members}, a complex attribute without {@code value}, a
     * {@code returned: never} attribute, {@code schemas}).
     */
    public SortKey sortKey(AttrPath path) {
        if (CommonAttributes.resolve(lookup, path).isEmpty()) {
            throw ScimException.invalidPath("sortBy names no attribute of the " + table.resourceType() + " schema: \""
                    + path + "\"; use an attribute path such as " + (table == ScimTable.USERS
                    ? "userName, name.familyName, emails.value or meta.lastModified"
                    : "displayName or meta.lastModified"));
        }
        resolver.resetAliases();
        try {
            return switch (resolver.resolve(new Scope.Root(), path)) {
                case Leaf leaf -> leafKey(leaf, path);
                case Many many -> primaryElementKey(many, path);
            };
        } catch (ScimException e) {
            if (e.scimType() != ScimType.INVALID_FILTER) {
                throw e;
            }
            throw cannotSort(path, e.detail()); // the resolver words its refusals for filters
        }
    }

    private static ScimException cannotSort(AttrPath path, String reason) {
        return ScimException.invalidValue("cannot sort by \"" + path + "\": " + reason.replace(" in a filter", "")
                .replace(" in filter", ""));
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

    private static SortKey leafKey(Leaf leaf, AttrPath path) {
        return switch (leaf) {
            case Column column -> new SortKey(column.kind() == ColumnKind.TEXT && !column.def().caseExact()
                    ? "lower(" + column.expr() + ")" : column.expr(), columnType(column.kind()), column.nullable());
            case Json json -> jsonKey(json, path);
        };
    }

    private static String columnType(ColumnKind kind) {
        return switch (kind) {
            case UUID -> "uuid";
            case TEXT, CONSTANT -> "text";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamptz";
            case VERSION -> "bigint";
        };
    }

    private static SortKey jsonKey(Json json, AttrPath path) {
        Json value = json;
        if (json.def().isComplex()) {
            AttributeDef sub = json.def().subAttribute("value").orElseThrow(() -> cannotSort(path, "it is complex;"
                    + " sort by one of its sub-attributes, such as " + path.name() + "." + firstSub(json.def())));
            value = json.with(sub.name(), sub);
        }
        return switch (value.def().type()) {
            case INTEGER, DECIMAL -> new SortKey("(CASE WHEN jsonb_typeof(" + value.json() + ") = 'number' THEN ("
                    + value.json() + ")::numeric END)", "numeric", true);
            case STRING, REFERENCE, BINARY, DATE_TIME, BOOLEAN, COMPLEX -> new SortKey("left(" + (value.def()
                    .caseExact() ? value.text() : "lower(" + value.text() + ")") + ", " + JSON_KEY_LENGTH + ")",
                    "text", true);
        };
    }

    private static String firstSub(AttributeDef complex) {
        return complex.subAttributes().isEmpty() ? "value" : complex.subAttributes().get(0).name();
    }

    /**
     * The key of the primary element, else the first: {@code (SELECT key FROM elements WITH ORDINALITY ORDER BY
     * primary DESC, position LIMIT 1)}; NULL when there is no element.
     */
    private SortKey primaryElementKey(Many many, AttrPath path) {
        if (!(many.element() instanceof Scope.JsonElement element)) {
            throw cannotSort(path, "it lists memberships; sort by an attribute of the " + table.resourceType()
                    + " itself");
        }
        Leaf value = (Leaf) resolver.resolve(element, elementPath(many));
        SortKey key = leafKey(value, path);
        String primary = element.attr().subAttribute("primary").isPresent()
                ? "COALESCE(lower(" + element.json() + " ->> 'primary') = 'true', FALSE) DESC, " : "";
        String from = many.from().replace(" AS " + elementAlias(element) + "(v)",
                " WITH ORDINALITY AS " + elementAlias(element) + "(v, n)");
        return new SortKey("(SELECT " + key.expr() + " " + from + " ORDER BY " + primary + elementAlias(element)
                + ".n LIMIT 1)", key.sqlType(), true);
    }

    /** {@code e1} of the element expression {@code e1.v}. */
    private static String elementAlias(Scope.JsonElement element) {
        return element.json().substring(0, element.json().length() - ".v".length());
    }
}
