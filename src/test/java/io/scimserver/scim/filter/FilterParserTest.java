package io.scimserver.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.scim.filter.Filter.And;
import io.scimserver.scim.filter.Filter.Compare;
import io.scimserver.scim.filter.Filter.Not;
import io.scimserver.scim.filter.Filter.Or;
import io.scimserver.scim.filter.Filter.Present;
import io.scimserver.scim.filter.Filter.ValuePath;
import java.math.BigDecimal;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    static Compare cmp(String attr, CompareOp op, Literal value) {
        return new Compare(path(attr), op, value);
    }

    static Compare eq(String attr, String value) {
        return cmp(attr, CompareOp.EQ, str(value));
    }

    static Compare co(String attr, String value) {
        return cmp(attr, CompareOp.CO, str(value));
    }

    static Literal str(String value) {
        return new Literal.Str(value);
    }

    static AttrPath path(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? AttrPath.of(text) : AttrPath.of(text.substring(0, dot), text.substring(dot + 1));
    }

    static Present pr(String attr) {
        return new Present(path(attr));
    }

    /** Every filter example of RFC 7644 §3.4.2.2, in order. */
    static Stream<Arguments> rfcExamples() {
        String lastModified = "2011-05-13T04:42:34Z";
        return Stream.of(
                Arguments.of("userName eq \"bjensen\"", eq("userName", "bjensen")),
                Arguments.of("name.familyName co \"O'Malley\"", co("name.familyName", "O'Malley")),
                Arguments.of("userName sw \"J\"", cmp("userName", CompareOp.SW, str("J"))),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
                        new Compare(new AttrPath(CORE_USER, "userName", null), CompareOp.SW, str("J"))),
                Arguments.of("title pr", pr("title")),
                Arguments.of("meta.lastModified gt \"" + lastModified + "\"",
                        cmp("meta.lastModified", CompareOp.GT, str(lastModified))),
                Arguments.of("meta.lastModified ge \"" + lastModified + "\"",
                        cmp("meta.lastModified", CompareOp.GE, str(lastModified))),
                Arguments.of("meta.lastModified lt \"" + lastModified + "\"",
                        cmp("meta.lastModified", CompareOp.LT, str(lastModified))),
                Arguments.of("meta.lastModified le \"" + lastModified + "\"",
                        cmp("meta.lastModified", CompareOp.LE, str(lastModified))),
                Arguments.of("title pr and userType eq \"Employee\"",
                        new And(pr("title"), eq("userType", "Employee"))),
                Arguments.of("title pr or userType eq \"Intern\"",
                        new Or(pr("title"), eq("userType", "Intern"))),
                Arguments.of("schemas eq \"" + ENTERPRISE + "\"", eq("schemas", ENTERPRISE)),
                Arguments.of("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        new And(eq("userType", "Employee"),
                                new Or(co("emails", "example.com"), co("emails.value", "example.org")))),
                Arguments.of("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
                        new And(cmp("userType", CompareOp.NE, str("Employee")),
                                new Not(new Or(co("emails", "example.com"), co("emails.value", "example.org"))))),
                Arguments.of("userType eq \"Employee\" and (emails.type eq \"work\")",
                        new And(eq("userType", "Employee"), eq("emails.type", "work"))),
                Arguments.of("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        new And(eq("userType", "Employee"), new ValuePath(path("emails"),
                                new And(eq("type", "work"), co("value", "@example.com"))))),
                Arguments.of("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
                        new Or(new ValuePath(path("emails"), new And(eq("type", "work"), co("value", "@example.com"))),
                                new ValuePath(path("ims"), new And(eq("type", "xmpp"), co("value", "@foo.com"))))));
    }

    static Stream<Arguments> precedenceAndForms() {
        return Stream.of(
                Arguments.of("a eq 1 or b eq 2 and c eq 3",
                        new Or(num("a", 1), new And(num("b", 2), num("c", 3)))),
                Arguments.of("a eq 1 and b eq 2 or c eq 3",
                        new Or(new And(num("a", 1), num("b", 2)), num("c", 3))),
                Arguments.of("not (x pr) and y pr", new And(new Not(pr("x")), pr("y"))),
                Arguments.of("y pr or not (x pr) and z pr", new Or(pr("y"), new And(new Not(pr("x")), pr("z")))),
                Arguments.of("a pr and b pr and c pr", new And(new And(pr("a"), pr("b")), pr("c"))),
                Arguments.of("a pr or b pr or c pr", new Or(new Or(pr("a"), pr("b")), pr("c"))),
                Arguments.of("(a eq 1 or b eq 2) and c eq 3", new And(new Or(num("a", 1), num("b", 2)), num("c", 3))),
                Arguments.of("a pr AND b pr Or NOT (c pr)", new Or(new And(pr("a"), pr("b")), new Not(pr("c")))),
                Arguments.of("userName EQ \"x\"", eq("userName", "x")),
                Arguments.of("title PR", pr("title")),
                Arguments.of("not(x pr)", new Not(pr("x"))),
                Arguments.of("((userName eq \"x\"))", eq("userName", "x")),
                Arguments.of("  userName   eq\t\"x\"  ", eq("userName", "x")),
                // Entra ID
                Arguments.of("userName eq \"a@b.com\"", eq("userName", "a@b.com")),
                Arguments.of("id eq \"a\" and manager eq \"b\"", new And(eq("id", "a"), eq("manager", "b"))),
                Arguments.of("displayName eq \"Eng\"", eq("displayName", "Eng")),
                Arguments.of("externalId eq \"8f2e\"", eq("externalId", "8f2e")),
                // names
                Arguments.of("members.$ref eq \"x\"", eq("members.$ref", "x")),
                Arguments.of("x-y_z1 pr", pr("x-y_z1")),
                Arguments.of(ENTERPRISE + ":employeeNumber eq \"7\"",
                        new Compare(new AttrPath(ENTERPRISE, "employeeNumber", null), CompareOp.EQ, str("7"))),
                Arguments.of(ENTERPRISE + ":manager.value eq \"7\"",
                        new Compare(new AttrPath(ENTERPRISE, "manager", "value"), CompareOp.EQ, str("7"))),
                Arguments.of(CORE_USER + ":name.familyName eq \"J\"",
                        new Compare(new AttrPath(CORE_USER, "name", "familyName"), CompareOp.EQ, str("J"))),
                // literals
                Arguments.of("active eq true", cmp("active", CompareOp.EQ, new Literal.Bool(true))),
                Arguments.of("active eq FALSE", cmp("active", CompareOp.EQ, new Literal.Bool(false))),
                Arguments.of("nickName eq null", cmp("nickName", CompareOp.EQ, new Literal.Null())),
                Arguments.of("n gt -12", cmp("n", CompareOp.GT, new Literal.Num(new BigDecimal("-12")))),
                Arguments.of("n ge 1.25", cmp("n", CompareOp.GE, new Literal.Num(new BigDecimal("1.25")))),
                Arguments.of("n lt 6.02e23", cmp("n", CompareOp.LT, new Literal.Num(new BigDecimal("6.02e23")))),
                Arguments.of("n le 1E-3", cmp("n", CompareOp.LE, new Literal.Num(new BigDecimal("1E-3")))),
                Arguments.of("s ew \"a\\\"b\\\\c\\/d\\u00e9\\n\\t\"", cmp("s", CompareOp.EW, str("a\"b\\c/d\u00e9\n\t"))),
                Arguments.of("s eq \"\"", eq("s", "")),
                Arguments.of("s eq \"and or not ( ) [ ]\"", eq("s", "and or not ( ) [ ]")));
    }

    static Compare num(String attr, int value) {
        return cmp(attr, CompareOp.EQ, new Literal.Num(BigDecimal.valueOf(value)));
    }

    @ParameterizedTest
    @MethodSource("rfcExamples")
    void parsesRfcExamples(String filter, Filter expected) {
        assertEquals(expected, FilterParser.parse(filter, 10));
    }

    @ParameterizedTest
    @MethodSource("precedenceAndForms")
    void parsesPrecedenceKeywordsAndLiterals(String filter, Filter expected) {
        assertEquals(expected, FilterParser.parse(filter, 10));
    }

    @ParameterizedTest
    @MethodSource({"rfcExamples", "precedenceAndForms"})
    void printsACanonicalFormThatParsesBackToTheSameTree(String filter, Filter expected) {
        String printed = FilterPrinter.print(expected);
        assertEquals(expected, FilterParser.parse(printed, 10), printed);
        assertEquals(printed, FilterPrinter.print(FilterParser.parse(printed, 10)));
    }

    @Test
    void printerAddsParenthesesOnlyWherePrecedenceNeedsThem() {
        Filter rightNestedOr = new Or(pr("a"), new Or(pr("b"), pr("c")));
        assertEquals("a pr or (b pr or c pr)", FilterPrinter.print(rightNestedOr));
        Filter orUnderAnd = new And(new Or(pr("a"), pr("b")), pr("c"));
        assertEquals("(a pr or b pr) and c pr", FilterPrinter.print(orUnderAnd));
        Filter andUnderOr = new Or(new And(pr("a"), pr("b")), pr("c"));
        assertEquals("a pr and b pr or c pr", FilterPrinter.print(andUnderOr));
        assertEquals("userType ne \"E\" and not (emails co \"x\" or emails.value co \"y\")",
                FilterPrinter.print(FilterParser.parse(
                        "userType NE \"E\" AND NOT ( emails co \"x\" OR emails.value co \"y\" )", 10)));
    }

    /** Invalid input: the exact position reported and a fragment of the message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            userName foo "x"                | 9  | expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) at position 9, found "foo"
            userName eq                     | 11 | expected a value (a "string", a number, true, false or null) at position 11, found end of input
            userName eq "bjensen            | 12 | unterminated string starting at position 12
            title pr "x"                    | 9  | "pr" takes no value
            title pr 3                      | 9  | "pr" takes no value
            (title pr                       | 9  | expected ")" at position 9, found end of input (to close "(" at position 0)
            not (title pr                   | 13 | expected ")" at position 13, found end of input (to close "(" at position 4)
            (a pr or (b pr)                 | 15 | (to close "(" at position 0)
            not title pr                    | 4  | expected "(" after "not" at position 4, found "title"
            emails[type eq "work"           | 21 | expected "]" at position 21, found end of input (to close "[" at position 6)
            emails[type eq "w")             | 18 | expected "]" at position 18, found ")"
            emails[type eq "w"] eq "x"      | 20 | expected "and", "or" or the end of the filter at position 20, found "eq"
            userName eq "x" extra           | 16 | expected "and", "or" or the end of the filter at position 16, found "extra"
            userName eq "x")                | 15 | found ")"
            userName eq "x" and             | 19 | expected an attribute path or "(" at position 19, found end of input
            eq "x"                          | 3  | expected a comparison operator
            "x" eq userName                 | 0  | expected an attribute path or "(" at position 0
            ()                              | 1  | expected an attribute path or "(" at position 1, found ")"
            userName eq "a\\qb"             | 14 | invalid escape \\q at position 14
            userName eq "\\u12"             | 13 | expected 4 hex digits after \\u at position 13
            userName eq "x" # 1             | 16 | unexpected character '#' at position 16
            1abc eq "x"                     | 0  | malformed number at position 0
            n eq 12abc and 1x pr            | 15 | malformed number at position 15
            foo:bar eq "x"                  | 0  | must start with a schema URN
            name. eq "x"                    | 5  | expected an attribute name at position 5
            name.fam!ly eq "x"              | 8  | unexpected character '!' at position 8
            urn:a:b: eq "x"                 | 8  | expected an attribute name at position 8
            emails[value[type eq "x"] pr]   | 12 | value filters cannot be nested
            userName eq 1e9999999999        | 12 | the number at position 12 is out of range
            n eq -1e9999999999              | 5  | is out of range
            meta.lastModified gt 1e-9999999999 | 21 | is out of range
            emails[value eq 1e400]          | 16 | is out of range
            n eq 1e2147483648               | 5  | is out of range
            n eq -1e-309                    | 5  | is out of range
            n eq 0e999999                   | 5  | is out of range
            n eq 12345678901234567890123456789012345678901234567890123456789012345 | 5 | at most 64 are accepted
            userName eq "a\u0000b"          | 14 | holds a NUL character (U+0000) at position 14
            userName eq "\ud800"            | 13 | a lone surrogate (U+D800)
            userName eq "\udc00x"           | 13 | a lone surrogate (U+DC00)
            userName eq "ab\ud83d"          | 15 | a lone surrogate (U+D83D)
            """)
    void reportsThePositionOfInvalidInput(String filter, int position, String message) {
        FilterParseException e = assertThrows(FilterParseException.class, () -> FilterParser.parse(filter, 10));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** Raw characters no CSV row can hold: NUL, a lone surrogate, a control character, a 70,000-character token. */
    static Stream<Arguments> rawNastyInput() {
        return Stream.of(
                Arguments.of("userName eq \"a\u0000b\"", 14, "a NUL character (U+0000) at position 14"),
                Arguments.of("userName eq \"\ud800\"", 13, "a lone surrogate (U+D800)"),
                Arguments.of("userName eq \"\udfff\ud800\"", 13, "a lone surrogate (U+DFFF)"),
                Arguments.of("user\u0000Name eq 1", 4, "unexpected character 'U+0000' at position 4"),
                Arguments.of("userName eq\u0001\"x\"", 11, "unexpected character 'U+0001' at position 11"),
                Arguments.of("userName eq \u202e\"x\"", 12, "unexpected character 'U+202E' at position 12"),
                Arguments.of("userName eq \"" + "x".repeat(70_000) + "\"", 12, "is longer than 16384 characters"),
                Arguments.of("userName eq " + "9".repeat(70_000), 12, "at most 64 are accepted"));
    }

    @ParameterizedTest
    @MethodSource("rawNastyInput")
    void refusesRawNastyInputWithItsPosition(String filter, int position, String message) {
        FilterParseException e = assertThrows(FilterParseException.class, () -> FilterParser.parse(filter, 10));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void acceptsNumbersAtTheEdgesOfTheRangeAndOddButValidText() {
        FilterParser.parse("n eq 1e308 or n eq -1e-308 or n eq 0e10 or n eq 1.7976931348623157e308", 10);
        FilterParser.parse("userName eq \"k\u0130ki\uff41\u200b\t\\n\ud83d\ude00\"", 10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            members[value eq 1e9999999999]      | 17 | is out of range
            members[value eq "a\\u0000"]        | 19 | a NUL character
            emails[value eq "\\udc00"].value     | 17 | a lone surrogate
            """)
    void patchPathsRefuseTheSameNastyValues(String path, int position, String message) {
        FilterParseException e = assertThrows(FilterParseException.class, () -> FilterParser.parsePath(path));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''
            '   '
            """)
    void refusesAnEmptyFilter(String filter) {
        FilterParseException e = assertThrows(FilterParseException.class, () -> FilterParser.parse(filter, 10));
        assertEquals(0, e.position());
        assertTrue(e.getMessage().startsWith("empty filter"), e.getMessage());
    }

    @Test
    void refusesFiltersNestedDeeperThanTheLimit() {
        assertEquals(pr("a"), FilterParser.parse("a pr", 1));
        assertEquals(new And(new And(pr("a"), pr("b")), pr("c")), FilterParser.parse("a pr and b pr and c pr", 1));
        FilterParseException group = assertThrows(FilterParseException.class,
                () -> FilterParser.parse("a pr and (b pr or c pr)", 1));
        assertEquals(9, group.position());
        assertTrue(group.getMessage().contains("nested deeper than the limit of 1"), group.getMessage());

        String deep = "(".repeat(10_000) + "a pr" + ")".repeat(10_000);
        FilterParseException parens = assertThrows(FilterParseException.class, () -> FilterParser.parse(deep, 8));
        assertEquals(7, parens.position());

        FilterParseException not = assertThrows(FilterParseException.class,
                () -> FilterParser.parse("not (not (not (a pr)))", 3));
        assertTrue(not.getMessage().contains("limit of 3"), not.getMessage());
        FilterParseException bracket = assertThrows(FilterParseException.class,
                () -> FilterParser.parse("emails[type eq \"w\" and value pr]", 1));
        assertTrue(bracket.getMessage().contains("limit of 1"), bracket.getMessage());
        assertEquals(new ValuePath(path("emails"), new And(eq("type", "w"), pr("value"))),
                FilterParser.parse("emails[type eq \"w\" and value pr]", 2));
        assertEquals(new ValuePath(path("emails"), eq("type", "w")), FilterParser.parse("emails[type eq \"w\"]", 2));
    }

    /** A flat chain is bounded by the filter length, not the depth: 17 terms pass a limit of 16. */
    @Test
    void flatChainsAddNoDepth() {
        String terms = IntStream.range(0, 17).mapToObj(i -> "userName eq \"" + i + "\"")
                .collect(Collectors.joining(" or "));
        assertEquals(17, Filter.operands(FilterParser.parse(terms, FilterParser.DEFAULT_MAX_DEPTH)).size());
        String ids = IntStream.range(0, 17).mapToObj(i -> "value eq \"" + i + "\"").collect(Collectors.joining(" or "));
        assertEquals(17, Filter.operands(FilterParser.parsePath("members[" + ids + "]").valueFilter()).size());
        String mixed = IntStream.range(0, 17).mapToObj(i -> "a pr and b pr").collect(Collectors.joining(" or "));
        assertEquals(17, Filter.operands(FilterParser.parse(mixed, 1)).size());
    }

    /** 50,000 operands: far more than a recursion per operand would survive; parsed and printed back. */
    @Test
    void longChainsParseAndPrintWithoutRecursionPerOperand() {
        String or = IntStream.range(0, 50_000).mapToObj(i -> "userName eq \"" + i + "\"")
                .collect(Collectors.joining(" or "));
        Filter parsed = FilterParser.parse(or, FilterParser.DEFAULT_MAX_DEPTH);
        assertEquals(or, FilterPrinter.print(parsed));
        String and = IntStream.range(0, 50_000).mapToObj(i -> "title pr").collect(Collectors.joining(" and "));
        assertEquals(and, FilterPrinter.print(FilterParser.parse(and, 1)));
    }

    static Stream<Arguments> patchPaths() {
        Filter work = eq("type", "work");
        return Stream.of(
                Arguments.of("displayName", new PatchPath(path("displayName"), null, null)),
                Arguments.of("name.familyName", new PatchPath(path("name.familyName"), null, null)),
                Arguments.of("members", new PatchPath(path("members"), null, null)),
                Arguments.of("members[value eq \"2819c223\"]",
                        new PatchPath(path("members"), eq("value", "2819c223"), null)),
                Arguments.of("emails[type eq \"work\"]", new PatchPath(path("emails"), work, null)),
                Arguments.of("emails[type eq \"work\"].value", new PatchPath(path("emails"), work, "value")),
                Arguments.of("addresses[type eq \"work\"].locality",
                        new PatchPath(path("addresses"), work, "locality")),
                Arguments.of("emails[type eq \"work\" and primary eq true].value",
                        new PatchPath(path("emails"), new And(work,
                                cmp("primary", CompareOp.EQ, new Literal.Bool(true))), "value")),
                Arguments.of(ENTERPRISE + ":employeeNumber",
                        new PatchPath(new AttrPath(ENTERPRISE, "employeeNumber", null), null, null)),
                Arguments.of(ENTERPRISE + ":manager",
                        new PatchPath(new AttrPath(ENTERPRISE, "manager", null), null, null)),
                Arguments.of(CORE_USER + ":name.familyName",
                        new PatchPath(new AttrPath(CORE_USER, "name", "familyName"), null, null)),
                Arguments.of(CORE_USER + ":emails[type eq \"work\"].value",
                        new PatchPath(new AttrPath(CORE_USER, "emails", null), work, "value")));
    }

    @ParameterizedTest
    @MethodSource("patchPaths")
    void parsesPatchPaths(String path, PatchPath expected) {
        assertEquals(expected, FilterParser.parsePath(path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                              | 0  | empty path
            emails[type eq "work"           | 21 | expected "]" at position 21
            emails[type eq "work"].         | 23 | expected a sub-attribute name after "]." at position 23
            emails[type eq "work"]value     | 22 | expected the end of the path at position 22, found "value"
            emails type                     | 7  | expected the end of the path at position 7, found "type"
            emails[]                        | 7  | expected an attribute path or "(" at position 7
            [type eq "work"]                | 0  | expected an attribute path at position 0
            """)
    void reportsThePositionOfInvalidPaths(String path, int position, String message) {
        FilterParseException e = assertThrows(FilterParseException.class, () -> FilterParser.parsePath(path));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
