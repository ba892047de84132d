package io.scimserver.scim.filter;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Prints a {@link Filter} in a canonical form that {@link FilterParser} reads back into an equal tree: lower-case
 * operators, single spaces, JSON string escapes, and parentheses only where precedence (not > and > or, both
 * left-associative) requires them.
 */
public final class FilterPrinter {

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int UNARY = 3;

    private FilterPrinter() {
    }

    public static String print(Filter filter) {
        StringBuilder out = new StringBuilder();
        print(filter, OR, out);
        return out.toString();
    }

    /** Prints {@code filter} where the context binds at least as tight as {@code minPrecedence}. */
    private static void print(Filter filter, int minPrecedence, StringBuilder out) {
        boolean wrap = precedence(filter) < minPrecedence;
        if (wrap) {
            out.append('(');
        }
        switch (filter) {
            case Filter.Or or -> chain(or, " or ", AND, out);
            case Filter.And and -> chain(and, " and ", UNARY, out);
            case Filter.Not not -> {
                out.append("not (");
                print(not.inner(), OR, out);
                out.append(')');
            }
            case Filter.Compare compare -> out.append(compare.attr()).append(' ').append(compare.op().token())
                    .append(' ').append(literal(compare.value()));
            case Filter.Present present -> out.append(present.attr()).append(" pr");
            case Filter.ValuePath valuePath -> {
                out.append(valuePath.attr()).append('[');
                print(valuePath.filter(), OR, out);
                out.append(']');
            }
        }
        if (wrap) {
            out.append(')');
        }
    }

    /**
     * A left-associative chain, walked down its left spine without recursion: the leftmost operand, then each right
     * operand, which needs parentheses below {@code rightPrecedence} (so {@code a or (b or c)} keeps its shape).
     */
    private static void chain(Filter filter, String op, int rightPrecedence, StringBuilder out) {
        Deque<Filter> rights = new ArrayDeque<>();
        Filter left = filter;
        while (left.getClass() == filter.getClass()) {
            rights.push(left instanceof Filter.Or or ? or.right() : ((Filter.And) left).right());
            left = left instanceof Filter.Or or ? or.left() : ((Filter.And) left).left();
        }
        print(left, rightPrecedence - 1, out);
        while (!rights.isEmpty()) {
            out.append(op);
            print(rights.pop(), rightPrecedence, out);
        }
    }

    private static int precedence(Filter filter) {
        return switch (filter) {
            case Filter.Or or -> OR;
            case Filter.And and -> AND;
            case Filter.Not not -> UNARY;
            case Filter.Compare compare -> UNARY;
            case Filter.Present present -> UNARY;
            case Filter.ValuePath valuePath -> UNARY;
        };
    }

    /** The literal as JSON. */
    public static String literal(Literal literal) {
        return switch (literal) {
            case Literal.Str str -> quote(str.value());
            case Literal.Num num -> num.value().toString();
            case Literal.Bool bool -> Boolean.toString(bool.value());
            case Literal.Null nul -> "null";
        };
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
