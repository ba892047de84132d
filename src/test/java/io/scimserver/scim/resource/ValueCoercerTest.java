package io.scimserver.scim.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scimserver.scim.Json;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Value coercion, including Entra's booleans-as-strings ("True"/"False", also for primary). */
class ValueCoercerTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();

    private static AttributeDef def(String path) {
        return REGISTRY.user().resolve(new AttrPath(null, path.split("\\.")[0],
                path.contains(".") ? path.split("\\.")[1] : null)).orElseThrow().leaf();
    }

    @ParameterizedTest
    @CsvSource({"'\"True\"',true", "'\"False\"',false", "'\"true\"',true", "'\"FALSE\"',false", "true,true",
            "false,false"})
    void booleansAsStrings(String json, boolean expected) {
        assertEquals(Json.parse(String.valueOf(expected)), ValueCoercer.coerce(def("active"), Json.parse(json), "active"));
    }

    @Test
    void primaryAsAStringInsideAMultiValuedValue() {
        assertEquals(Json.parse("[{\"value\":\"a\",\"primary\":true}]"),
                ValueCoercer.coerce(def("emails"), Json.parse("[{\"VALUE\":\"a\",\"primary\":\"True\"}]"), "emails"));
    }

    @Test
    void nullsAndEmptyComplexValuesAreDropped() {
        assertEquals(Json.parse("{\"givenName\":\"B\"}"), ValueCoercer.coerce(def("name"),
                Json.parse("{\"givenName\":\"B\",\"familyName\":null,\"unknown\":1}"), "name"));
        assertNull(ValueCoercer.coerce(def("name"), Json.parse("{\"familyName\":null}"), "name"));
        assertEquals(Json.parse("[{\"value\":\"u\"}]"),
                ValueCoercer.coerce(def("emails"), Json.parse("[{\"value\":\"u\",\"$ref\":null},null]"), "emails"));
    }

    @Test
    void stringsRoundTripExactly() {
        assertEquals(Json.parse("\"  Mixed Case  \""), ValueCoercer.coerce(def("title"), Json.parse("\"  Mixed Case  \""),
                "title"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"active|'\"yes\"'", "active|1", "name|'\"B\"'", "title|'{\"a\":1}'",
            "title|'[\"a\"]'", "meta.created|'\"yesterday\"'"})
    void wrongTypesAreInvalidValueNamingTheAttribute(String path, String json) {
        ScimException e = assertThrows(ScimException.class, () -> ValueCoercer.coerce(def(path), Json.parse(json), path));
        assertEquals(ScimType.INVALID_VALUE, e.scimType());
        assertEquals(true, e.detail().contains("'" + path + "'"), e.detail());
    }

    @Test
    void dateTimesAreChecked() {
        assertEquals(Json.parse("\"2026-01-23T04:56:22Z\""),
                ValueCoercer.coerce(def("meta.created"), Json.parse("\"2026-01-23T04:56:22Z\""), "meta.created"));
    }
}
