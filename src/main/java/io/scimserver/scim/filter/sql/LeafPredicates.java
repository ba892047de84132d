package io.scimserver.scim.filter.sql;

import io.scimserver.scim.filter.CompareOp;
import io.scimserver.scim.filter.DateTimes;
import io.scimserver.scim.filter.FilterPrinter;
import io.scimserver.scim.filter.Literal;
import io.scimserver.scim.filter.sql.Target.Column;
import io.scimserver.scim.filter.sql.Target.ColumnKind;
import io.scimserver.scim.filter.sql.Target.Json;
import io.scimserver.scim.filter.sql.Target.Leaf;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code attr op value} and {@code attr pr} on one value. Every predicate written here is two-valued (never SQL
 * NULL), so {@code not (...)} around it keeps the rows where the attribute is absent.
 */
final class LeafPredicates {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private LeafPredicates() {
    }

    static void present(Leaf leaf, Sql out) {
        switch (leaf) {
            case Column column -> {
                if (column.kind() == ColumnKind.TEXT) {
                    out.append(column.nullable() ? "(" + column.expr() + " IS NOT NULL AND " + column.expr()
                            + " <> '')" : column.expr() + " <> ''");
                } else {
                    out.append(column.nullable() ? column.expr() + " IS NOT NULL" : "TRUE");
                }
            }
            case Json json -> out.append("COALESCE(" + json.json()
                    + " NOT IN ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb), FALSE)");
        }
    }

    static void compare(Leaf leaf, CompareOp op, Literal value, String path, Sql out) {
        if (value instanceof Literal.Null) {
            nullCompare(leaf, op, path, out);
            return;
        }
        Leaf target = complexToValue(leaf, path);
        switch (target.def().type()) {
            case BOOLEAN -> booleanCompare(target, op, value, path, out);
            case INTEGER, DECIMAL -> numberCompare(target, op, value, path, out);
            case DATE_TIME -> dateTimeCompare(target, op, value, path, out);
            case STRING, REFERENCE, BINARY -> stringCompare(target, op, value, path, out);
            case COMPLEX -> throw ScimException.invalidFilter("\"" + path + "\" is complex: filter on one of its "
                    + "sub-attributes instead");
        }
    }

    /** {@code eq null} means absent, {@code ne null} present. */
    private static void nullCompare(Leaf leaf, CompareOp op, String path, Sql out) {
        switch (op) {
            case EQ -> {
                out.append("NOT (");
                present(leaf, out);
                out.append(")");
            }
            case NE -> present(leaf, out);
            case CO, SW, EW, GT, GE, LT, LE -> throw ScimException.invalidFilter("\"" + op.token()
                    + " null\" is meaningless on \"" + path + "\": use \"pr\" or \"eq null\"");
        }
    }

    /** A complex attribute compared directly means its {@code value} sub-attribute (RFC 7644 §3.4.2.2). */
    private static Leaf complexToValue(Leaf leaf, String path) {
        if (!leaf.def().isComplex()) {
            return leaf;
        }
        AttributeDef value = leaf.def().subAttribute("value").orElseThrow(() -> ScimException.invalidFilter(
                "\"" + path + "\" is complex: filter on one of its sub-attributes instead"));
        return switch (leaf) {
            case Json json -> json.with(value.name(), value);
            case Column column -> throw new IllegalStateException("complex column " + column.expr());
        };
    }

    private static void booleanCompare(Leaf leaf, CompareOp op, Literal value, String path, Sql out) {
        requireOp(op, path, "boolean", CompareOp.EQ, CompareOp.NE);
        boolean wanted = switch (value) {
            case Literal.Bool bool -> bool.value();
            case Literal.Str str when str.value().equalsIgnoreCase("true") -> true;
            case Literal.Str str when str.value().equalsIgnoreCase("false") -> false;
            case Literal.Str str -> throw wrongType(path, "boolean", value);
            case Literal.Num num -> throw wrongType(path, "boolean", value);
            case Literal.Null nul -> throw wrongType(path, "boolean", value);
        };
        switch (leaf) {
            case Column column -> emit(column, column.expr(), op, "?", wanted, out);
            case Json json -> emit(json, "lower(" + json.text() + ")", op, "?", Boolean.toString(wanted), out);
        }
    }

    private static void numberCompare(Leaf leaf, CompareOp op, Literal value, String path, Sql out) {
        requireOp(op, path, leaf.def().type().json(), CompareOp.EQ, CompareOp.NE, CompareOp.GT, CompareOp.GE,
                CompareOp.LT, CompareOp.LE);
        if (!(value instanceof Literal.Num num)) {
            throw wrongType(path, "number", value);
        }
        switch (leaf) {
            case Column column -> emit(column, column.expr(), op, "?", num.value(), out);
            case Json json -> emit(json, "(CASE WHEN jsonb_typeof(" + json.json() + ") = 'number' THEN ("
                    + json.json() + ")::numeric END)", op, "?", num.value(), out);
        }
    }

    private static void dateTimeCompare(Leaf leaf, CompareOp op, Literal value, String path, Sql out) {
        requireOp(op, path, "dateTime", CompareOp.EQ, CompareOp.NE, CompareOp.GT, CompareOp.GE, CompareOp.LT,
                CompareOp.LE);
        if (!(value instanceof Literal.Str str)) {
            throw wrongType(path, "dateTime string", value);
        }
        OffsetDateTime when = DateTimes.parse(str.value()).orElseThrow(() -> ScimException.invalidFilter("\""
                + str.value() + "\" is not an xsd:dateTime such as \"2011-05-13T04:42:34Z\" (comparing \"" + path + "\")"));
        switch (leaf) {
            case Column column -> emit(column, column.expr(), op, "?", when, out);
            case Json json -> emit(json, "(" + json.text() + ")::timestamptz", op, "?", when, out);
        }
    }

    private static void stringCompare(Leaf leaf, CompareOp op, Literal value, String path, Sql out) {
        if (!(value instanceof Literal.Str str)) {
            throw wrongType(path, "string", value);
        }
        if (leaf instanceof Column column && column.kind() == ColumnKind.UUID) {
            uuidCompare(column, op, str.value(), out);
            return;
        }
        if (leaf instanceof Column column && column.kind() == ColumnKind.CONSTANT) {
            constantCompare(column, op, str.value(), out);
            return;
        }
        if (leaf instanceof Column column && column.kind() == ColumnKind.VERSION) {
            versionCompare(column, op, str.value(), path, out);
            return;
        }
        boolean ignoreCase = !leaf.def().caseExact();
        String expr = ignoreCase ? "lower(" + leaf.text() + ")" : leaf.text();
        String placeholder = ignoreCase ? "lower(?)" : "?";
        Object bound = switch (op) {
            case CO -> "%" + Sql.escapeLike(str.value()) + "%";
            case SW -> Sql.escapeLike(str.value()) + "%";
            case EW -> "%" + Sql.escapeLike(str.value());
            case EQ, NE, GT, GE, LT, LE -> str.value();
        };
        emit(leaf, expr, op, placeholder, bound, out);
    }

    /**
     * A uuid column. {@code eq}/{@code ne} with a literal that is no UUID is decided here (no row has that id), so
     * PostgreSQL never sees an invalid uuid; the other operators compare the canonical text form.
     */
    private static void uuidCompare(Column column, CompareOp op, String value, Sql out) {
        switch (op) {
            case EQ, NE -> {
                UUID id = parseUuid(value);
                if (id == null) {
                    out.append(op == CompareOp.EQ ? "FALSE" : "TRUE");
                } else {
                    emit(column, column.expr(), op, "?", id, out);
                }
            }
            case CO, SW, EW, GT, GE, LT, LE -> {
                String lower = value.toLowerCase(Locale.ROOT);
                Object bound = switch (op) {
                    case CO -> "%" + Sql.escapeLike(lower) + "%";
                    case SW -> Sql.escapeLike(lower) + "%";
                    case EW -> "%" + Sql.escapeLike(lower);
                    case EQ, NE, GT, GE, LT, LE -> lower;
                };
                emit(column, column.expr() + "::text", op, "?", bound, out);
            }
        }
    }

    /** A value fixed per table ({@code meta.resourceType}): the comparison is decided here, TRUE or FALSE. */
    private static void constantCompare(Column column, CompareOp op, String value, Sql out) {
        boolean ignoreCase = !column.def().caseExact();
        String a = ignoreCase ? column.constant().toLowerCase(Locale.ROOT) : column.constant();
        String e = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        boolean result = switch (op) {
            case EQ -> a.equals(e);
            case NE -> !a.equals(e);
            case CO -> a.contains(e);
            case SW -> a.startsWith(e);
            case EW -> a.endsWith(e);
            case GT -> a.compareTo(e) > 0;
            case GE -> a.compareTo(e) >= 0;
            case LT -> a.compareTo(e) < 0;
            case LE -> a.compareTo(e) <= 0;
        };
        out.append(result ? "TRUE" : "FALSE");
    }

    /** {@code meta.version} is the ETag {@code W/"<version>"}; it compares as the stored counter. */
    private static void versionCompare(Column column, CompareOp op, String value, String path, Sql out) {
        requireOp(op, path, "version", CompareOp.EQ, CompareOp.NE);
        Matcher m = VERSION.matcher(value.trim());
        if (!m.matches()) {
            out.append(op == CompareOp.EQ ? "FALSE" : "TRUE");
            return;
        }
        emit(column, column.expr(), op, "?", Long.parseLong(m.group(1)), out);
    }

    /**
     * {@code expr op placeholder}, never NULL: {@code ne} as {@code IS DISTINCT FROM} (an absent value differs from
     * anything); a nullable column guarded by {@code IS NOT NULL} (which keeps its index usable); a JSON value,
     * absent or of another JSON type, through {@code COALESCE(..., FALSE)}.
     */
    private static void emit(Leaf leaf, String expr, CompareOp op, String placeholder, Object value, Sql out) {
        String sqlOp = switch (op) {
            case EQ -> " = ";
            case NE -> " IS DISTINCT FROM ";
            case CO, SW, EW -> " LIKE ";
            case GT -> " > ";
            case GE -> " >= ";
            case LT -> " < ";
            case LE -> " <= ";
        };
        String escape = switch (op) {
            case CO, SW, EW -> " ESCAPE '\\'";
            case EQ, NE, GT, GE, LT, LE -> "";
        };
        String open = "";
        String close = "";
        if (op != CompareOp.NE) {
            switch (leaf) {
                case Column column when column.nullable() -> {
                    open = "(" + column.expr() + " IS NOT NULL AND ";
                    close = ")";
                }
                case Column column -> { }
                case Json json -> {
                    open = "COALESCE(";
                    close = ", FALSE)";
                }
            }
        }
        out.append(open + expr + sqlOp).bind(placeholder, value).append(escape + close);
    }

    private static void requireOp(CompareOp op, String path, String type, CompareOp... allowed) {
        for (CompareOp ok : allowed) {
            if (ok == op) {
                return;
            }
        }
        StringBuilder list = new StringBuilder();
        for (CompareOp ok : allowed) {
            list.append(list.isEmpty() ? "" : ", ").append(ok.token());
        }
        throw ScimException.invalidFilter("operator \"" + op.token() + "\" cannot be used on the " + type
                + " attribute \"" + path + "\" (allowed: " + list + ", pr)");
    }

    private static ScimException wrongType(String path, String expected, Literal value) {
        return ScimException.invalidFilter("\"" + path + "\" is compared with " + FilterPrinter.literal(value)
                + " but needs a " + expected + " value");
    }

    private static UUID parseUuid(String value) {
        if (value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
