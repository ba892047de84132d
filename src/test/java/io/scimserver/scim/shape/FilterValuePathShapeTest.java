package io.scimserver.scim.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.scim.schema.TestSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Leniency rule: {@code attributes} may name an attribute with a value filter, as a PATCH path does
 * ({@code emails[type eq "work"]}); the response holds the attribute with only the matching values. Named Filter* so
 * that the focused test run of this package picks it up.
 */
class FilterValuePathShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENT = TestSchemas.ENTERPRISE;

    private static final String USER = """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "bjensen",
             "name": {"givenName": "B", "familyName": "J"},
             "emails": [{"value": "a@x", "type": "work", "primary": true}, {"value": "b@x", "type": "home"},
                        {"value": "c@x", "type": "work"}],
             "ims": [{"value": "555", "type": "xmpp"}, {"value": "666", "type": "aim"}],
             "%s": {"employeeNumber": "7", "manager": {"value": "m", "displayName": "Boss"}}}""".formatted(ENT);

    private final ResourceShaper users = new ResourceShaper(TestSchemas.USERS);

    /** attributes | what is returned besides schemas and id. */
    @ParameterizedTest(name = "attributes={0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'emails[type eq "work"]'                  | {"emails": [{"value": "a@x", "type": "work", "primary": true}, {"value": "c@x", "type": "work"}]}
            'emails[type eq work]'                    | {"emails": [{"value": "a@x", "type": "work", "primary": true}, {"value": "c@x", "type": "work"}]}
            'EMAILS[TYPE EQ "WORK"]'                  | {"emails": [{"value": "a@x", "type": "work", "primary": true}, {"value": "c@x", "type": "work"}]}
            'emails[type eq "work"].value'            | {"emails": [{"value": "a@x"}, {"value": "c@x"}]}
            'emails[type eq "work" and primary eq true].value' | {"emails": [{"value": "a@x"}]}
            'emails[value co ","]'                    | {}
            'emails[type eq "fax"]'                   | {}
            'emails[type eq "home"],emails[primary eq true]' | {"emails": [{"value": "a@x", "type": "work", "primary": true}, {"value": "b@x", "type": "home"}]}
            'emails[type eq "home"],emails.value'     | {"emails": [{"value": "a@x"}, {"value": "b@x", "type": "home"}, {"value": "c@x"}]}
            'emails[type eq "home"],userName'         | {"userName": "bjensen", "emails": [{"value": "b@x", "type": "home"}]}
            'urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "home"].value' | {"emails": [{"value": "b@x"}]}
            'ims[type eq "xmpp"].value, name.givenName' | {"name": {"givenName": "B"}, "ims": [{"value": "555"}]}
            'ENT:manager[value eq "m"].displayName'   | {"ENT": {"manager": {"displayName": "Boss"}}}
            'ENT:manager[value eq "x"]'               | {}
            """)
    void returnsTheMatchingValues(String attributes, String expected) throws Exception {
        ObjectNode want = (ObjectNode) json(expected);
        want.set("schemas", json(USER).get("schemas"));
        want.put("id", "1");
        ObjectNode got = users.shape((ObjectNode) json(USER), AttributeSelection.parse(urns(attributes), null));
        assertEquals(want, got);
    }

    @Test
    void aCommaInsideTheBracketsDoesNotSplitTheEntry() {
        assertEquals(List.of("emails[value co \",\" or type eq \"a,b\"]", "userName", " name"),
                AttributeSelection.entries("emails[value co \",\" or type eq \"a,b\"],userName, name"));
        assertEquals(List.of("x[value eq \"\\\",\"]", "y"), AttributeSelection.entries("x[value eq \"\\\",\"],y"));
        assertEquals(2, AttributeSelection.parse("emails[value co \",\"].value,userName", null).asked().size());
    }

    @Test
    void aFilterOnAnUnknownSubAttributeIsAnInvalidFilter() {
        ScimException e = assertThrows(ScimException.class, () -> users.shape((ObjectNode) json(USER),
                AttributeSelection.parse("emails[colour eq \"red\"]", null)));
        assertEquals(ScimType.INVALID_FILTER, e.scimType());
        assertTrue(e.detail().contains("colour"), e.detail());
    }

    /** RFC 7644 §3.9 lists attributes to leave out: a filter there is refused, not guessed at. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'emails[type eq "work"]'
            'emails[type eq "work"].value'
            'userName,members[value eq "x"]'
            """)
    void excludedAttributesRefusesValueFilters(String excluded) {
        ScimException e = assertThrows(ScimException.class, () -> AttributeSelection.parse(null, excluded));
        assertEquals(ScimType.INVALID_PATH, e.scimType());
        assertTrue(e.detail().startsWith("excludedAttributes: "), e.detail());
        assertTrue(e.detail().contains("a value filter is accepted in attributes only"), e.detail());
    }

    @Test
    void aValueFilterThatDoesNotParseIsAPositionedInvalidPath() {
        ScimException e = assertThrows(ScimException.class,
                () -> AttributeSelection.parse("emails[type eq \"work\"", null));
        assertEquals(ScimType.INVALID_PATH, e.scimType());
        assertTrue(e.detail().contains("expected \"]\" at position 21"), e.detail());
    }

    private static String urns(String text) {
        return text.replace("ENT", ENT);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(urns(text));
    }
}
