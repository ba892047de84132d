package io.scimserver.scim.filter;

import io.scimserver.scim.filter.Token.Kind;
import java.math.BigDecimal;

/**
 * Hand-written recursive-descent parser for SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2). One method
 * per precedence level, loosest first: {@link #or()} -> {@link #and()} -> {@link #not()} -> {@link #atom()}. Operators
 * and keywords are case-insensitive; {@code and}/{@code or} associate to the left. A comparison value that cannot be
 * read as a number, {@code true}, {@code false} or {@code null} may come without quotes and is then a string
 * ({@code userName sw O}), as Microsoft's reference server reads it; see {@link FilterLexer#nextValue()}.
 *
 * <p>Depth: a comparison has depth 1, and each {@code not}, pair of parentheses and value filter bracket around it
 * adds one. A filter deeper than {@code maxDepth} is refused before the parser recurses further. A flat chain of
 * {@code and}/{@code or} adds no depth: the parser builds it in a loop and is bounded by the filter's length, and
 * consumers walk chains with {@link Filter#operands(Filter)}, never recursing per operand.
 */
public final class FilterParser {

    /** The depth {@link #parsePath(String)} allows inside the brackets of a PATCH path. */
    public static final int DEFAULT_MAX_DEPTH = 16;

    private static final String COMPARE_OPS = "(eq, ne, co, sw, ew, gt, ge, lt, le, pr)";

    private final FilterLexer lexer;
    private final int maxDepth;
    private int openGroups;
    private boolean inBrackets;

    private FilterParser(String input, int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        this.lexer = new FilterLexer(input);
        this.maxDepth = maxDepth;
    }

    /** Parses a whole filter; {@code maxDepth} bounds its nesting (see the class comment). */
    public static Filter parse(String filter, int maxDepth) {
        if (filter == null || filter.isBlank()) {
            throw new FilterParseException("empty filter: expected an attribute path at position 0", 0);
        }
        FilterParser parser = new FilterParser(filter, maxDepth);
        Filter result = parser.or().filter();
        parser.expectEnd("\"and\", \"or\" or the end of the filter");
        return result;
    }

    /** Parses a PATCH path: {@code attr}, {@code attr.sub}, {@code attr[filter]}, {@code attr[filter].sub}. */
    public static PatchPath parsePath(String path) {
        return parsePath(path, DEFAULT_MAX_DEPTH);
    }

    public static PatchPath parsePath(String path, int maxDepth) {
        if (path == null || path.isBlank()) {
            throw new FilterParseException("empty path: expected an attribute path at position 0", 0);
        }
        FilterParser parser = new FilterParser(path, maxDepth);
        PatchPath result = parser.patchPath();
        parser.expectEnd("the end of the path");
        return result;
    }

    /** A parsed sub-tree and its depth. */
    private record Node(Filter filter, int depth) {
    }

    private PatchPath patchPath() {
        Token first = lexer.peek();
        AttrPath attr = attrPath(lexer.next());
        if (lexer.peek().kind() != Kind.LBRACKET) {
            return new PatchPath(attr, null, null);
        }
        Node filter = bracketed(first);
        String sub = null;
        if (lexer.peek().kind() == Kind.DOT) {
            lexer.next();
            Token name = lexer.next();
            if (name.kind() != Kind.WORD || !isAttrName(name.text())) {
                throw expected("a sub-attribute name after \"].\"", name);
            }
            sub = name.text();
        }
        return new PatchPath(attr, filter.filter(), sub);
    }

    private Node or() {
        Node left = and();
        while (lexer.peek().isKeyword("or")) {
            lexer.next();
            Node right = and();
            left = combine(new Filter.Or(left.filter(), right.filter()), left, right);
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (lexer.peek().isKeyword("and")) {
            lexer.next();
            Node right = not();
            left = combine(new Filter.And(left.filter(), right.filter()), left, right);
        }
        return left;
    }

    private Node not() {
        if (!lexer.peek().isKeyword("not")) {
            return atom();
        }
        Token not = lexer.next();
        Token open = lexer.peek();
        if (open.kind() != Kind.LPAREN) {
            throw expected("\"(\" after \"not\"", open);
        }
        Node inner = grouped(not);
        return deeper(new Filter.Not(inner.filter()), inner.depth(), not);
    }

    /** {@code ( filter )} or {@code attrPath pr} or {@code attrPath op value} or {@code attrPath [ valFilter ]}. */
    private Node atom() {
        Token token = lexer.peek();
        if (token.kind() == Kind.LPAREN) {
            return grouped(token);
        }
        if (token.kind() != Kind.WORD) {
            throw expected("an attribute path or \"(\"", token);
        }
        lexer.next();
        AttrPath attr = attrPath(token);
        Token opToken = lexer.peek();
        if (opToken.kind() == Kind.LBRACKET) {
            Node inner = bracketed(token);
            return new Node(new Filter.ValuePath(attr, inner.filter()), inner.depth());
        }
        if (opToken.isKeyword("pr")) {
            lexer.next();
            rejectValueAfterPr();
            return new Node(new Filter.Present(attr), 1);
        }
        CompareOp op = compareOp(opToken);
        lexer.next();
        return new Node(new Filter.Compare(attr, op, literal()), 1);
    }

    /** Consumes {@code ( filter )}, the opening parenthesis being the next token; {@code at} opened the group. */
    private Node grouped(Token at) {
        enter(at);
        Token open = lexer.next();
        Node inner = or();
        Token close = lexer.next();
        if (close.kind() != Kind.RPAREN) {
            throw unclosed(")", open, close);
        }
        openGroups--;
        return deeper(inner.filter(), inner.depth(), at);
    }

    /** Consumes {@code [ valFilter ]} after the attribute path {@code attrToken}; the depth counts the brackets. */
    private Node bracketed(Token attrToken) {
        Token open = lexer.next();
        if (inBrackets) {
            throw new FilterParseException("value filters cannot be nested: unexpected \"[\" at position "
                    + open.position(), open.position());
        }
        enter(open);
        inBrackets = true;
        Node inner = or();
        Token close = lexer.next();
        if (close.kind() != Kind.RBRACKET) {
            throw unclosed("]", open, close);
        }
        inBrackets = false;
        openGroups--;
        return deeper(inner.filter(), inner.depth(), attrToken);
    }

    private void enter(Token at) {
        openGroups++;
        if (openGroups >= maxDepth) {
            throw tooDeep(at);
        }
    }

    private Node deeper(Filter filter, int innerDepth, Token at) {
        return checked(new Node(filter, innerDepth + 1), at);
    }

    private static Node combine(Filter filter, Node left, Node right) {
        return new Node(filter, Math.max(left.depth(), right.depth()));
    }

    private Node checked(Node node, Token at) {
        if (node.depth() > maxDepth) {
            throw tooDeep(at);
        }
        return node;
    }

    private FilterParseException tooDeep(Token at) {
        return new FilterParseException("filter is nested deeper than the limit of " + maxDepth + " at position "
                + at.position() + " (each not, parenthesis and [ ] adds a level)", at.position());
    }

    private CompareOp compareOp(Token token) {
        if (token.kind() == Kind.WORD) {
            for (CompareOp op : CompareOp.values()) {
                if (token.isKeyword(op.token())) {
                    return op;
                }
            }
        }
        throw expected("a comparison operator " + COMPARE_OPS, token);
    }

    /**
     * The value after an operator: a JSON string, number, {@code true}, {@code false} or {@code null}, or a string
     * written without quotes ({@code userName sw O}; see {@link FilterLexer#nextValue()}). An unquoted {@code and},
     * {@code or} or {@code not} is refused: it more likely means a forgotten value than a name.
     */
    private Literal literal() {
        Token token = lexer.nextValue();
        return switch (token.kind()) {
            case STRING -> new Literal.Str((String) token.value());
            case NUMBER -> new Literal.Num((BigDecimal) token.value());
            case BARE -> unquoted(token);
            case WORD, LPAREN, RPAREN, LBRACKET, RBRACKET, DOT, END -> throw expectedValue(token);
        };
    }

    private static Literal unquoted(Token token) {
        if (token.isKeyword("true") || token.isKeyword("false")) {
            return new Literal.Bool(token.isKeyword("true"));
        }
        if (token.isKeyword("null")) {
            return new Literal.Null();
        }
        if (token.isKeyword("and") || token.isKeyword("or") || token.isKeyword("not")) {
            throw expected("a value (write \"" + token.text() + "\" in quotes to compare with the word)", token);
        }
        return new Literal.Str((String) token.value());
    }

    private void rejectValueAfterPr() {
        Token next = lexer.peek();
        boolean isValue = next.kind() == Kind.STRING || next.kind() == Kind.NUMBER
                || next.isKeyword("true") || next.isKeyword("false") || next.isKeyword("null");
        if (isValue) {
            throw new FilterParseException("\"pr\" takes no value, found " + next.describe() + " at position "
                    + next.position(), next.position());
        }
    }

    /**
     * Splits a word into an attribute path: {@code [urn ':'] name ['.' sub]}, the URN ending at the last ':'. Names
     * follow ATTRNAME of RFC 7643 §2.1 ({@code ALPHA *(nameChar)}); {@code $ref} is allowed too.
     */
    private AttrPath attrPath(Token token) {
        if (token.kind() != Kind.WORD) {
            throw expected("an attribute path", token);
        }
        String text = token.text();
        int colon = text.lastIndexOf(':');
        String urn = null;
        if (colon >= 0) {
            urn = text.substring(0, colon);
            if (!urn.regionMatches(true, 0, "urn:", 0, 4)) {
                throw new FilterParseException("expected an attribute path at position " + token.position()
                        + ": a name containing ':' must start with a schema URN (urn:...), found \"" + text + "\"",
                        token.position());
            }
        }
        String rest = text.substring(colon + 1);
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        int namePos = token.position() + colon + 1;
        requireName(name, namePos, text);
        if (sub != null) {
            requireName(sub, namePos + dot + 1, text);
        }
        return new AttrPath(urn, name, sub);
    }

    private void requireName(String name, int position, String text) {
        if (!isAttrName(name)) {
            throw new FilterParseException("expected an attribute name at position " + position + " in \"" + text
                    + "\", found \"" + name + "\"", position);
        }
    }

    static boolean isAttrName(String name) {
        if (name.equalsIgnoreCase("$ref")) {
            return true;
        }
        if (name.isEmpty() || !FilterLexer.isAlpha(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> FilterLexer.isAlpha((char) c) || FilterLexer.isDigit((char) c)
                || c == '-' || c == '_');
    }

    private void expectEnd(String what) {
        Token token = lexer.peek();
        if (token.kind() != Kind.END) {
            throw new FilterParseException("expected " + what + " at position " + token.position() + ", found "
                    + token.describe(), token.position());
        }
    }

    private static FilterParseException unclosed(String closer, Token open, Token found) {
        return new FilterParseException("expected \"" + closer + "\" at position " + found.position() + ", found "
                + found.describe() + " (to close \"" + open.text() + "\" at position " + open.position() + ")",
                found.position());
    }

    private static FilterParseException expectedValue(Token token) {
        return expected("a value (a \"string\", a number, true, false or null)", token);
    }

    private static FilterParseException expected(String what, Token found) {
        return new FilterParseException("expected " + what + " at position " + found.position() + ", found "
                + found.describe(), found.position());
    }
}
