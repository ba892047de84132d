package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.CompareOp;
import io.scimserver.scim.filter.DateTimes;
import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.Literal;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates the filter of {@code attr[filter]} in memory against one element of a multi-valued attribute. Paths in
 * the filter name sub-attributes of the element; string comparisons honour {@code caseExact}; dateTimes compare as
 * instants. A filter that cannot apply (unknown sub-attribute, {@code co} on a number, nested brackets) is
 * {@code 400 invalidFilter}. Also used by {@code scim.shape} for {@code attributes=emails[type eq "work"]}.
 */
public final class ValueFilters {

    private ValueFilters() {
    }

    /** Whether {@code element}, one value of the attribute {@code attr}, matches {@code filter}. */
    public static boolean matches(Filter filter, JsonNode element, AttributeDef attr) {
        return switch (filter) {
            case Filter.And and -> Filter.operands(and).stream().allMatch(f -> matches(f, element, attr));
            case Filter.Or or -> Filter.operands(or).stream().anyMatch(f -> matches(f, element, attr));
            case Filter.Not not -> !matches(not.inner(), element, attr);
            case Filter.Present present -> isPresent(value(element, attr, present.attr()));
            case Filter.Compare compare -> compare(compare, value(element, attr, compare.attr()),
                    subDef(attr, compare.attr()));
            case Filter.ValuePath nested -> throw ScimException.invalidFilter(
                    "a value filter cannot nest another one: " + nested.attr());
        };
    }

    /**
     * The element a filter of only {@code eq} comparisons joined by {@code and} describes ({@code type eq "work"}
     * gives {@code {"type":"work"}}): what Entra expects to be created when no element matches.
     */
    static Optional<ObjectNode> seed(Filter filter, AttributeDef attr) {
        return switch (filter) {
            case Filter.And and -> {
                ObjectNode all = JsonNodeFactory.instance.objectNode();
                for (Filter operand : Filter.operands(and)) {
                    Optional<ObjectNode> one = seed(operand, attr);
                    if (one.isEmpty()) {
                        yield Optional.empty();
                    }
                    all.setAll(one.get());
                }
                yield Optional.of(all);
            }
            case Filter.Compare c when c.op() == CompareOp.EQ && !attr.subAttributes().isEmpty() -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                String name = subDef(attr, c.attr()).name();
                yield switch (c.value()) {
                    case Literal.Str s -> Optional.of(o.put(name, s.value()));
                    case Literal.Bool b -> Optional.of(o.put(name, b.value()));
                    case Literal.Num n -> Optional.of(o.put(name, n.value()));
                    case Literal.Null ignored -> Optional.empty();
                };
            }
            case Filter.Compare ignored -> Optional.empty();
            case Filter.Or ignored -> Optional.empty();
            case Filter.Not ignored -> Optional.empty();
            case Filter.Present ignored -> Optional.empty();
            case Filter.ValuePath ignored -> Optional.empty();
        };
    }

    private static AttributeDef subDef(AttributeDef attr, AttrPath path) {
        if (attr.subAttributes().isEmpty()) {
            return attr;
        }
        String name = path.subAttr() != null && path.name().equalsIgnoreCase(attr.name()) ? path.subAttr() : path.name();
        return attr.subAttribute(name).orElseThrow(() -> ScimException.invalidFilter(
                "'" + path + "' is not a sub-attribute of '" + attr.name() + "'"));
    }

    private static JsonNode value(JsonNode element, AttributeDef attr, AttrPath path) {
        if (attr.subAttributes().isEmpty()) {
            return element;
        }
        return element.get(subDef(attr, path).name());
    }

    private static boolean isPresent(JsonNode v) {
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty()) && !(v.isContainerNode()
                && v.isEmpty());
    }

    /**
     * As the SQL translator decides it ({@code LeafPredicates}): an absent value, or one of another JSON type, differs
     * from every literal ({@code ne} is true, every other operator false); {@code eq null} means not present; a
     * boolean matches its string form in any case ({@code "True"}), as older stored values may hold it.
     */
    private static boolean compare(Filter.Compare c, JsonNode v, AttributeDef def) {
        boolean absent = v == null || v.isNull();
        return switch (c.value()) {
            case Literal.Null ignored -> switch (c.op()) {
                case EQ -> !isPresent(v);
                case NE -> isPresent(v);
                case CO, SW, EW, GT, GE, LT, LE -> throw ScimException.invalidFilter("\"" + c.op().token()
                        + " null\" is meaningless: use \"pr\" or \"eq null\"");
            };
            case Literal.Bool b -> equality(c.op(), !absent && v.isValueNode()
                    && v.asText().equalsIgnoreCase(Boolean.toString(b.value())));
            case Literal.Num n -> !absent && v.isNumber()
                    ? ordered(c.op(), v.decimalValue().compareTo(n.value()), false) : differs(c.op());
            case Literal.Str s -> absent ? c.op() == CompareOp.NE : text(c.op(), v.asText(), s.value(), def);
        };
    }

    private static boolean equality(CompareOp op, boolean equal) {
        ordered(op, 0, true);
        return op == CompareOp.EQ ? equal : !equal;
    }

    /** A number literal against a value absent or not a number: only {@code ne} holds ({@code co} is refused). */
    private static boolean differs(CompareOp op) {
        return ordered(op, 1, false) && op == CompareOp.NE;
    }

    private static boolean text(CompareOp op, String actual, String expected, AttributeDef def) {
        if (def.type() == AttributeDef.Type.DATE_TIME && op != CompareOp.CO && op != CompareOp.SW && op != CompareOp.EW) {
            Optional<OffsetDateTime> a = DateTimes.parse(actual);
            Optional<OffsetDateTime> e = DateTimes.parse(expected);
            if (a.isPresent() && e.isPresent()) {
                return ordered(op, a.get().toInstant().compareTo(e.get().toInstant()), false);
            }
        }
        String a = def.caseExact() ? actual : actual.toLowerCase(Locale.ROOT);
        String e = def.caseExact() ? expected : expected.toLowerCase(Locale.ROOT);
        return switch (op) {
            case CO -> a.contains(e);
            case SW -> a.startsWith(e);
            case EW -> a.endsWith(e);
            case EQ, NE, GT, GE, LT, LE -> ordered(op, a.compareTo(e), false);
        };
    }

    private static boolean ordered(CompareOp op, int cmp, boolean equalityOnly) {
        if (equalityOnly && op != CompareOp.EQ && op != CompareOp.NE) {
            throw ScimException.invalidFilter("a boolean can only be compared with eq or ne, not " + op.token());
        }
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case CO, SW, EW -> throw ScimException.invalidFilter(op.token() + " compares strings only");
        };
    }
}
