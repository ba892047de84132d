package io.scimserver.scim.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.scim.schema.TestSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Named Filter* so that the focused test run of this package picks it up. */
class FilterResourceShaperTest {

    /** No selection: every {@code returned: default} and {@code always} attribute. */
    private static final AttributeSelection DEFAULT = new AttributeSelection(List.of(), List.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENT = TestSchemas.ENTERPRISE;
    private static final String EXT = TestSchemas.TEST_EXT;

    private static final String USER = """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%1$s"],
             "id": "1", "externalId": "e", "userName": "bjensen", "password": "secret",
             "name": {"givenName": "B", "familyName": "J"},
             "emails": [{"value": "a@x", "type": "work", "primary": true}, {"value": "b@x", "type": "home"}],
             "groups": [{"value": "g1", "display": "Eng"}],
             "meta": {"resourceType": "User", "created": "2011-05-13T04:42:34Z"},
             "%1$s": {"employeeNumber": "7", "manager": {"value": "m", "displayName": "Boss"}},
             "%2$s": {"level": 3, "secretQuestion": "q"},
             "unknownThing": "u"}""".formatted(ENT, EXT);

    private final ResourceShaper users = new ResourceShaper(TestSchemas.USERS);
    private final ResourceShaper groups = new ResourceShaper(TestSchemas.GROUPS);

    @ParameterizedTest(name = "attributes={0} excludedAttributes={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "-", textBlock = """
            userName                  | -      | {"userName": "bjensen"}
            NAME.givenName            | -      | {"name": {"givenName": "B"}}
            name                      | -      | {"name": {"givenName": "B", "familyName": "J"}}
            emails.value              | -      | {"emails": [{"value": "a@x"}, {"value": "b@x"}]}
            employeeNumber            | -      | {"ENT": {"employeeNumber": "7"}}
            ENT:manager.value         | -      | {"ENT": {"manager": {"value": "m"}}}
            ENT                       | -      | {"ENT": {"employeeNumber": "7", "manager": {"value": "m", "displayName": "Boss"}}}
            secretQuestion            | -      | {"EXT": {"secretQuestion": "q"}}
            password                  | -      | {}
            'userName, meta.created'  | -      | {"userName": "bjensen", "meta": {"created": "2011-05-13T04:42:34Z"}}
            urn:ietf:params:scim:schemas:core:2.0:User:id | - | {}
            userName                  | userName | {"userName": "bjensen"}
            """)
    void attributesKeepsWhatIsNamedPlusAlwaysReturned(String attributes, String excluded, String expected)
            throws Exception {
        ObjectNode want = (ObjectNode) json(expected);
        want.set("schemas", json(USER).get("schemas"));
        want.put("id", "1");
        assertEquals(want, users.shape((ObjectNode) json(USER), AttributeSelection.parse(urns(attributes), excluded)));
    }

    @Test
    void defaultKeepsDefaultAndAlwaysButNotNeverOrRequest() throws Exception {
        ObjectNode want = (ObjectNode) json(USER);
        want.remove("password");
        ((ObjectNode) want.get(EXT)).remove("secretQuestion");
        ObjectNode resource = (ObjectNode) json(USER);
        assertEquals(want, users.shape(resource, DEFAULT));
        assertEquals(json(USER), resource, "the input is not changed");
    }

    @ParameterizedTest(name = "excludedAttributes={0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'groups,name.familyName,id' | groups          | {"name": {"givenName": "B"}}
            ENT                         | ENT             | {}
            emails.type                 | emails          | {"emails": [{"value": "a@x", "primary": true}, {"value": "b@x"}]}
            'schemas, meta'             | meta            | {}
            ENT:employeeNumber          | ENT             | {"ENT": {"manager": {"value": "m", "displayName": "Boss"}}}
            """)
    void excludedAttributesRemovesAllButAlwaysReturned(String excluded, String removed, String replaced)
            throws Exception {
        ObjectNode want = (ObjectNode) json(USER);
        want.remove(List.of(removed.split(",")).stream().map(FilterResourceShaperTest::urns).toList());
        want.remove("password");
        ((ObjectNode) want.get(EXT)).remove("secretQuestion");
        want.setAll((ObjectNode) json(replaced));
        assertEquals(want, users.shape((ObjectNode) json(USER), AttributeSelection.parse(null, urns(excluded))));
    }

    @Test
    void saysWhetherStorageMustReadMembershipsAtAll() {
        assertTrue(groups.isReturned("members", DEFAULT));
        assertEquals(false, groups.isReturned("members", AttributeSelection.parse(null, "members")));
        assertEquals(false, groups.isReturned("members", AttributeSelection.parse(null, "MEMBERS")));
        assertEquals(false, groups.isReturned("members", AttributeSelection.parse("displayName", null)));
        assertTrue(groups.isReturned("members", AttributeSelection.parse("members.value", null)));
        assertTrue(groups.isReturned("members", AttributeSelection.parse(null, "members.display")));
        assertTrue(users.isReturned("groups", DEFAULT));
        assertEquals(false, users.isReturned("groups", AttributeSelection.parse("id", null)));
        assertEquals(false, users.isReturned("password", AttributeSelection.parse("password", null)));
        assertTrue(users.isReturned("id", AttributeSelection.parse(null, "id")));
        assertEquals(false, users.isReturned("secretQuestion", DEFAULT));
        assertTrue(users.isReturned("secretQuestion", AttributeSelection.parse("secretQuestion", null)));
        assertEquals(false, users.isReturned(new AttrPath(ENT, "manager", null), AttributeSelection.parse(null, ENT)));
        assertTrue(users.isReturned(new AttrPath(ENT, "manager", null), AttributeSelection.parse(ENT, null)));
    }

    @Test
    void keepsAnEmptyMembersListWhenMembersAreReturned() throws Exception {
        JsonNode group = json("{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"], \"id\": \"g\", "
                + "\"displayName\": \"Eng\", \"members\": []}");
        assertEquals(group, groups.shape((ObjectNode) group, DEFAULT));
        assertEquals(json("{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"], \"id\": \"g\", "
                + "\"displayName\": \"Eng\"}"), groups.shape((ObjectNode) group,
                AttributeSelection.parse(null, "members")));
    }

    @Test
    void parsesCommaSeparatedPaths() {
        AttributeSelection selection = AttributeSelection.parse(" userName , name.givenName,," + ENT
                + ":employeeNumber", "members");
        assertEquals(List.of(AttrPath.of("userName"), AttrPath.of("name", "givenName"),
                new AttrPath(ENT, "employeeNumber", null)), selection.attributes());
        assertEquals(List.of(AttrPath.of("members")), selection.excludedAttributes());
        assertEquals(DEFAULT, AttributeSelection.parse(null, " "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            name.                    | "name." is not an attribute path
            'user name'              | "user name" is not an attribute path
            'a.b.c'                  | "a.b.c" is not an attribute path
            """)
    void refusesEntriesThatAreNotPaths(String attributes, String detail) {
        ScimException e = assertThrows(ScimException.class, () -> AttributeSelection.parse(attributes, null));
        assertEquals(ScimType.INVALID_PATH, e.scimType());
        assertTrue(e.detail().startsWith("attributes: "), e.detail());
        assertTrue(e.detail().contains(detail), e.detail());
    }

    private static String urns(String text) {
        return text.replace("ENT", ENT).replace("EXT", EXT);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(urns(text));
    }
}
