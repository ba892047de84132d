package io.scimserver.scim.filter;

import static io.scimserver.scim.filter.FilterParserTest.cmp;
import static io.scimserver.scim.filter.FilterParserTest.eq;
import static io.scimserver.scim.filter.FilterParserTest.path;
import static io.scimserver.scim.filter.FilterParserTest.pr;
import static io.scimserver.scim.filter.FilterParserTest.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.scim.filter.Filter.And;
import io.scimserver.scim.filter.Filter.Or;
import io.scimserver.scim.filter.Filter.ValuePath;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Leniency rule: a comparison value written without quotes that cannot be read as a number, {@code true},
 * {@code false} or {@code null} is a string, as Microsoft's reference server reads it; anything that would make the
 * parse a guess stays a positioned error.
 */
class UnquotedValueTest {

    static Stream<Arguments> acceptedAsStrings() {
        return Stream.of(
                Arguments.of("userName sw O", cmp("userName", CompareOp.SW, str("O"))),
                Arguments.of("name.familyName eq Employee", eq("name.familyName", "Employee")),
                Arguments.of("meta.created gt 2015-10-10T14:38:21.8617979-07:00",
                        cmp("meta.created", CompareOp.GT, str("2015-10-10T14:38:21.8617979-07:00"))),
                Arguments.of("userName eq bjensen@example.com", eq("userName", "bjensen@example.com")),
                Arguments.of("name.familyName co O'Malley", cmp("name.familyName", CompareOp.CO, str("O'Malley"))),
                Arguments.of("userName eq caf\u00e9\ud83d\ude00", eq("userName", "caf\u00e9\ud83d\ude00")),
                // begins like a number, is not one
                Arguments.of("externalId eq 12abc", eq("externalId", "12abc")),
                Arguments.of("externalId eq 1.", eq("externalId", "1.")),
                Arguments.of("externalId eq -", eq("externalId", "-")),
                Arguments.of("externalId eq .5", eq("externalId", ".5")),
                // operator names are values where a value stands
                Arguments.of("title eq pr", eq("title", "pr")),
                // ")" and "]" end the value; "and"/"or" after it combine as usual
                Arguments.of("(userName eq O)", eq("userName", "O")),
                Arguments.of("userName eq O and title pr", new And(eq("userName", "O"), pr("title"))),
                Arguments.of("userName sw A OR userName sw B",
                        new Or(cmp("userName", CompareOp.SW, str("A")), cmp("userName", CompareOp.SW, str("B")))),
                Arguments.of("emails[type eq work]", new ValuePath(path("emails"), eq("type", "work"))),
                Arguments.of("emails[type eq work and value co @example.com]", new ValuePath(path("emails"),
                        new And(eq("type", "work"), cmp("value", CompareOp.CO, str("@example.com"))))),
                // what can be read as a number, true, false or null still is
                Arguments.of("active eq True", cmp("active", CompareOp.EQ, new Literal.Bool(true))),
                Arguments.of("active eq FALSE", cmp("active", CompareOp.EQ, new Literal.Bool(false))),
                Arguments.of("nickName eq Null", cmp("nickName", CompareOp.EQ, new Literal.Null())),
                Arguments.of("n eq -1.5e3", cmp("n", CompareOp.EQ, new Literal.Num(new BigDecimal("-1.5e3")))),
                Arguments.of("(n eq 42)", cmp("n", CompareOp.EQ, new Literal.Num(new BigDecimal("42")))),
                // and quoted values are what they always were
                Arguments.of("active eq \"true\"", eq("active", "true")),
                Arguments.of("userName eq \"and\"", eq("userName", "and")));
    }

    @ParameterizedTest
    @MethodSource("acceptedAsStrings")
    void readsUnquotedValues(String filter, Filter expected) {
        Filter parsed = FilterParser.parse(filter, 10);
        assertEquals(expected, parsed);
        String printed = FilterPrinter.print(parsed);
        assertEquals(expected, FilterParser.parse(printed, 10), "the canonical form quotes the value: " + printed);
    }

    @Test
    void readsUnquotedValuesInPatchPaths() {
        assertEquals(new PatchPath(path("emails"), eq("type", "work"), "value"),
                FilterParser.parsePath("emails[type eq work].value"));
        assertEquals(new PatchPath(path("members"), eq("value", "2819c223-7f76-453a-919d-413861904646"), null),
                FilterParser.parsePath("members[value eq 2819c223-7f76-453a-919d-413861904646]"));
    }

    /** Still refused, each at its position: the filter, the position, a fragment of the message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            userName eq John Smith          | 17 | expected "and", "or" or the end of the filter at position 17, found "Smith"
            userName eq O"Malley            | 13 | unexpected character '"' at position 13 in a value without quotes
            userName eq a(b)                | 13 | unexpected character '(' at position 13
            userName eq a[b]                | 13 | unexpected character '[' at position 13
            userName eq a\\b                | 13 | unexpected character '\\' at position 13
            userName eq and                 | 12 | write "and" in quotes to compare with the word
            userName eq or title pr         | 12 | write "or" in quotes
            userName eq NOT                 | 12 | write "NOT" in quotes
            userName eq                     | 11 | expected a value (a "string", a number, true, false or null) at position 11, found end of input
            userName eq )                   | 12 | expected a value (a "string", a number, true, false or null) at position 12, found ")"
            userName eq O)                  | 13 | found ")"
            emails[type eq work             | 19 | expected "]" at position 19, found end of input (to close "[" at position 6)
            emails[type eq work]]           | 20 | found "]"
            userName eq 1e9999              | 12 | the number at position 12 is out of range
            n eq 1e400)                     | 5  | is out of range
            """)
    void refusesWhatStaysAmbiguous(String filter, int position, String message) {
        FilterParseException e = assertThrows(FilterParseException.class, () -> FilterParser.parse(filter, 10));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<Arguments> nastyUnquoted() {
        return Stream.of(
                Arguments.of("userName eq x\u200by", 13, "unexpected character 'U+200B' at position 13"),
                Arguments.of("userName eq John\u00a0Smith", 16, "unexpected character '\u00a0' at position 16"),
                Arguments.of("userName eq \u2007x", 12, "unexpected character '\u2007' at position 12"),
                Arguments.of("userName eq x\u0007", 13, "unexpected character 'U+0007' at position 13"),
                Arguments.of("userName eq x\u0000", 13, "unexpected character 'U+0000' at position 13"),
                Arguments.of("userName eq x\ud800", 13, "unexpected character 'U+D800' at position 13"),
                Arguments.of("userName eq \udc00", 12, "unexpected character 'U+DC00' at position 12"),
                Arguments.of("userName eq " + "x".repeat(70_000), 12, "is longer than 16384 characters"));
    }

    @ParameterizedTest
    @MethodSource("nastyUnquoted")
    void refusesNastyCharactersInUnquotedValues(String filter, int position, String message) {
        FilterParseException e = assertThrows(FilterParseException.class, () -> FilterParser.parse(filter, 10));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
