package io.scimserver.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimserver.scim.Json;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.TestSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-memory side of {@link io.scimserver.scim.filter.ValueFilterCases}; the SQL side is FilterSqlPostgresTest. */
class ValueFiltersTest {

    @ParameterizedTest(name = "{0}[{1}] on {2} -> {3}")
    @MethodSource("io.scimserver.scim.filter.ValueFilterCases#cases")
    void matchesAsSqlDoes(String attribute, String filter, String element, boolean expected) {
        AttributeDef attr = TestSchemas.USERS.resolve(AttrPath.of(attribute)).orElseThrow().attribute();
        var parsed = FilterParser.parsePath(attribute + "[" + filter + "]").valueFilter();
        assertEquals(expected, ValueFilters.matches(parsed, Json.parse(element), attr));
    }
}
