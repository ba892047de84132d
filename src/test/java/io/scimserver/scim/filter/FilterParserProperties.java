package io.scimserver.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the filter parser: every tree it can read survives print -> parse unchanged, and no input, however
 * random or mangled, makes it do anything but return a tree or throw {@link FilterParseException} with a position
 * inside the input (no stack overflow, no index error, no null pointer).
 */
class FilterParserProperties {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "pr", "eq", "ne", "co", "sw", "ew", "gt",
            "ge", "lt", "le", "true", "false", "null");
    private static final List<String> VALID = List.of(
            "userName eq \"bjensen\"",
            "name.familyName co \"O'Malley\"",
            "userName sw \"J\"",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            "title pr",
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            "title pr and userType eq \"Employee\"",
            "title pr or userType eq \"Intern\"",
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\"",
            "active eq true and x.y ge -1.5 and z eq null");

    @Property(tries = 1000)
    void printedFiltersParseBackToTheSameTree(@ForAll("filters") Filter filter) {
        String printed = FilterPrinter.print(filter);
        Filter parsed = FilterParser.parse(printed, 1000);
        assertEquals(filter, parsed, printed);
        assertEquals(printed, FilterPrinter.print(parsed));
    }

    @Property(tries = 2000)
    void randomTextIsAFilterOrAPositionedError(@ForAll("noise") String input) {
        parseOrPositionedError(input);
    }

    @Property(tries = 3000)
    void mutatedValidFiltersAreAFilterOrAPositionedError(@ForAll("mutants") String input) {
        parseOrPositionedError(input);
    }

    @Property(tries = 200)
    void pathsAreAPathOrAPositionedError(@ForAll("mutants") String input) {
        try {
            FilterParser.parsePath(input);
        } catch (FilterParseException e) {
            assertTrue(e.position() >= 0 && e.position() <= input.length(), e.getMessage());
        }
    }

    @Property(tries = 50)
    void deepNestingIsRefusedNotOverflowed(@ForAll("depths") int depth) {
        // the documented depth: a comparison is 1, each parenthesis pair and each "not (...)" (a not and a pair) adds
        String deep = "(".repeat(depth) + "a eq 1" + ")".repeat(depth);
        String nots = "not (".repeat(depth) + "a eq 1" + ")".repeat(depth);
        check(deep, 1 + depth);
        check(nots, 1 + 2 * depth);
    }

    private static void check(String filter, int level) {
        try {
            FilterParser.parse(filter, 16);
            assertTrue(level <= 16, "a filter of depth " + level + " was accepted with maxDepth 16");
        } catch (FilterParseException e) {
            assertTrue(level > 16, "refused at depth " + level + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("deeper than the limit"), e.getMessage());
        }
    }

    private static void parseOrPositionedError(String input) {
        try {
            Filter f = FilterParser.parse(input, 16);
            // whatever was accepted prints to something that reads back the same
            assertEquals(f, FilterParser.parse(FilterPrinter.print(f), 1000));
        } catch (FilterParseException e) {
            assertTrue(e.position() >= 0 && e.position() <= input.length(),
                    "position " + e.position() + " outside input of length " + input.length() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("position"), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail("input " + Json.quote(input) + " threw " + e, e);
        }
    }

    /**
     * The nasty cases, generated: overflowing exponents either way, very long digit strings and tokens, NUL, control
     * characters and lone surrogates raw and escaped, U+0130, fullwidth and zero-width letters. Each filter is
     * accepted with no refused text in its literals and every number in range, or refused with a position.
     */
    @Property(tries = 2000)
    void nastyValuesAreAcceptedCleanOrRefusedWithAPosition(@ForAll("nasty") String input) {
        try {
            Filter f = FilterParser.parse(input, 16);
            String printed = FilterPrinter.print(f);
            // the tree's literals (in its record form) hold nothing the service refuses
            assertTrue(io.scimserver.scim.protocol.AcceptedText.refusedInValue(f.toString()) < 0, printed);
            assertEquals(f, FilterParser.parse(printed, 1000));
        } catch (FilterParseException e) {
            assertTrue(e.position() >= 0 && e.position() <= input.length(), e.getMessage());
            assertTrue(e.getMessage().contains("position"), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail("input " + Json.quote(input.length() > 200 ? input.substring(0, 200) : input) + " threw " + e, e);
        }
    }

    @Provide
    Arbitrary<String> nasty() {
        Arbitrary<String> exponent = Arbitraries.longs().between(300, Long.MAX_VALUE).map(String::valueOf);
        Arbitrary<String> number = Combinators.combine(Arbitraries.of("", "-"), Arbitraries.of("1", "0", "9.99", "1.5"),
                Arbitraries.of("e", "E", "e-", "e+", "E-"), exponent).as((sign, m, e, x) -> sign + m + e + x);
        Arbitrary<String> digits = Arbitraries.integers().between(60, 70_000).map(n -> "9".repeat(n));
        Arbitrary<String> text = Arbitraries.of("\u0000", "\\u0000", "\ud800", "\\ud800", "\udc00x", "\\udfff",
                "\u0001", "\\u001f", "\u007f", "\u0085", "\u0130", "\uff21\uff24", "\u200b", "\u202e", "\ud83d\ude00",
                "x".repeat(70_000), "\\t").list().ofMinSize(1).ofMaxSize(3).map(l -> "\"" + String.join("a", l) + "\"");
        Arbitrary<String> value = Arbitraries.oneOf(number, digits, text);
        Arbitrary<String> attr = Arbitraries.of("userName", "emails[value eq 1]", "members.value", "user\u0000Name",
                "\uff55serName", "meta.lastModified", "a".repeat(70_000));
        return Combinators.combine(attr, Arbitraries.of("eq", "gt", "co"), value, Arbitraries.of(0, 1, 2))
                .as((a, op, v, shape) -> switch (shape) {
                    case 0 -> a + " " + op + " " + v;
                    case 1 -> "emails[value " + op + " " + v + "]";
                    default -> "not (" + a + " " + op + " " + v + ") and members[value eq " + v + "]";
                });
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 20_000);
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("ab ()[]\".\\:$-0123456789eqandorntpr\t\u00e9\u0000")
                .ofMaxLength(60);
        return Arbitraries.oneOf(alphabet, Arbitraries.strings().ofMaxLength(60));
    }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<String> base = Arbitraries.of(VALID);
        Arbitrary<String> insert = Arbitraries.of("(", ")", "[", "]", "\"", "\\", ".", ":", " and ", " or ", "not ",
                " eq ", " pr", "1e999", "-", "\u0000", "\uD800", "'", ";", "--", "%", "$ref", "1e9999999999",
                "-1e-9999999999", "\\u0000", "\\ud800", "\u0130", "\uff21", "\u200b", "9".repeat(100));
        return Combinators.combine(base, Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 3),
                insert).as((s, at, kind, piece) -> {
                    int i = at % (s.length() + 1);
                    return switch (kind) {
                        case 0 -> s.substring(0, i) + piece + s.substring(i);          // insert
                        case 1 -> s.substring(0, i);                                   // truncate
                        case 2 -> s.substring(0, i) + s.substring(Math.min(s.length(), i + 3)); // delete
                        default -> s.substring(0, i) + piece + s.substring(Math.min(s.length(), i + 1)); // replace
                    };
                });
    }

    @Provide
    Arbitrary<Filter> filters() {
        return filter(4);
    }

    private Arbitrary<Filter> filter(int depth) {
        Arbitrary<Filter> leaf = Arbitraries.oneOf(compare(), present(), valuePath());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Filter> sub = Arbitraries.lazy(() -> filter(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(Filter.And::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(Filter.Or::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Filter.Not::new)));
    }

    private Arbitrary<Filter> compare() {
        return Combinators.combine(attrPath(), Arbitraries.of(CompareOp.class), literal()).as(Filter.Compare::new);
    }

    private Arbitrary<Filter> present() {
        return attrPath().map(Filter.Present::new);
    }

    private Arbitrary<Filter> valuePath() {
        Arbitrary<Filter> inner = Combinators.combine(name(), Arbitraries.of(CompareOp.class), literal())
                .as((n, op, v) -> (Filter) new Filter.Compare(AttrPath.of(n), op, v));
        Arbitrary<Filter> innerTree = Arbitraries.oneOf(inner,
                Combinators.combine(inner, inner).as(Filter.And::new),
                Combinators.combine(inner, inner).as(Filter.Or::new));
        return Combinators.combine(name(), innerTree).as((n, f) -> new Filter.ValuePath(AttrPath.of(n), f));
    }

    private Arbitrary<AttrPath> attrPath() {
        Arbitrary<String> urn = Arbitraries.of("urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        return Combinators.combine(urn.injectNull(0.8), name(), name().injectNull(0.6)).as(AttrPath::new);
    }

    private Arbitrary<String> name() {
        return Combinators.combine(Arbitraries.chars().alpha(),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                        .withChars('-', '_').ofMaxLength(8))
                .as((c, rest) -> c + rest).filter(n -> !KEYWORDS.contains(n.toLowerCase(java.util.Locale.ROOT)));
    }

    private Arbitrary<Literal> literal() {
        return Arbitraries.oneOf(
                // any text the service accepts as a value (refused text never makes a tree: the lexer stops it)
                Arbitraries.strings().ofMaxLength(20)
                        .filter(t -> io.scimserver.scim.protocol.AcceptedText.refusedInValue(t) < 0)
                        .map(Literal.Str::new),
                Arbitraries.bigDecimals().between(new BigDecimal("-1000000"), new BigDecimal("1000000")).ofScale(2)
                        .map(Literal.Num::new),
                Arbitraries.longs().map(l -> new Literal.Num(BigDecimal.valueOf(l))),
                Arbitraries.of(true, false).map(Literal.Bool::new),
                Arbitraries.just(new Literal.Null()));
    }

    /** For readable failure messages. */
    static final class Json {
        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            return b.append('"').toString();
        }
    }
}
