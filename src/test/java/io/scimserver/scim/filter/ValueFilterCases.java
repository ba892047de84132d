package io.scimserver.scim.filter;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One table of value filters, an element, and whether the element matches, run against both the in-memory evaluator
 * of PATCH paths ({@code ValueFiltersTest}) and the SQL translator on PostgreSQL ({@code FilterSqlPostgresTest}), so
 * the two cannot drift apart. Attributes are those of {@code TestSchemas.USERS}: {@code emails} (value, type,
 * primary, display) and the test extension's {@code scores} (integer value, type).
 */
public final class ValueFilterCases {

    private ValueFilterCases() {
    }

    /** attribute | filter inside the brackets | element JSON | matches. */
    public static Stream<Arguments> cases() {
        return Stream.of(
                // booleans: absent differs from true and from false
                Arguments.of("emails", "primary ne true", "{\"value\":\"w\"}", true),
                Arguments.of("emails", "primary ne true", "{\"value\":\"h\",\"primary\":true}", false),
                Arguments.of("emails", "primary ne false", "{\"value\":\"h\",\"primary\":true}", true),
                Arguments.of("emails", "primary eq true", "{\"value\":\"w\"}", false),
                Arguments.of("emails", "primary eq false", "{\"value\":\"w\"}", false),
                Arguments.of("emails", "primary eq true", "{\"value\":\"h\",\"primary\":\"True\"}", true),
                Arguments.of("emails", "primary eq \"true\"", "{\"value\":\"h\",\"primary\":true}", true),
                Arguments.of("emails", "primary ne true", "{\"value\":\"h\",\"primary\":null}", true),
                Arguments.of("emails", "not (primary eq true)", "{\"value\":\"w\"}", true),
                // numbers: absent or of another JSON type differs from every number
                Arguments.of("scores", "value ne 3", "{\"type\":\"a\"}", true),
                Arguments.of("scores", "value eq 3", "{\"type\":\"a\"}", false),
                Arguments.of("scores", "value ne 3", "{\"value\":\"3\"}", true),
                Arguments.of("scores", "value eq 3", "{\"value\":3.0}", true),
                Arguments.of("scores", "value gt 2", "{\"value\":3}", true),
                Arguments.of("scores", "value le 2", "{\"value\":3}", false),
                Arguments.of("scores", "value lt 2", "{\"type\":\"a\"}", false),
                // strings: case-insensitive unless caseExact, absent differs
                Arguments.of("emails", "value eq \"W@X.com\"", "{\"value\":\"w@x.com\"}", true),
                Arguments.of("emails", "value ne \"x\"", "{\"type\":\"work\"}", true),
                Arguments.of("emails", "value eq \"x\"", "{\"type\":\"work\"}", false),
                Arguments.of("emails", "value co \"@X\"", "{\"value\":\"w@x.com\"}", true),
                Arguments.of("emails", "value sw \"w@\"", "{\"value\":\"w@x.com\"}", true),
                Arguments.of("emails", "value ew \".org\"", "{\"value\":\"w@x.com\"}", false),
                Arguments.of("emails", "value co \"x\"", "{\"type\":\"work\"}", false),
                // presence and null
                Arguments.of("emails", "type pr", "{\"value\":\"w\"}", false),
                Arguments.of("emails", "type pr", "{\"type\":\"\"}", false),
                Arguments.of("emails", "type pr", "{\"type\":\"work\"}", true),
                Arguments.of("emails", "type eq null", "{\"type\":\"\"}", true),
                Arguments.of("emails", "type eq null", "{\"value\":\"w\"}", true),
                Arguments.of("emails", "type ne null", "{\"type\":\"work\"}", true),
                // logic
                Arguments.of("emails", "type eq \"work\" and primary ne true", "{\"type\":\"work\"}", true),
                Arguments.of("emails", "type eq \"home\" or primary eq true", "{\"value\":\"x\",\"primary\":true}", true),
                Arguments.of("emails", "not (type eq \"work\" or value pr)", "{\"display\":\"d\"}", true));
    }
}
