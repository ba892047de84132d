package io.scimserver.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scimserver.scim.Json;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.scim.schema.ResourceType;
import io.scimserver.scim.schema.SchemaRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PATCH error: exact status and scimType, and the detail names what was wrong. */
class PatchErrorTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    private static final String USER = """
            {"userName":"bjensen@example.com","externalId":"b","emails":[{"value":"b@x.com","type":"work"}]}""";
    private static final String GROUP = """
            {"displayName":"Eng"}""";

    record Case(String name, boolean group, String body, ScimType scimType, String detailMentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case user(String name, String body, ScimType type, String mentions) {
        return new Case(name, false, body, type, mentions);
    }

    static Stream<Case> cases() {
        return Stream.of(
                user("body not an object", "[]", ScimType.INVALID_SYNTAX, "JSON object"),
                user("no Operations", "{\"schemas\":[]}", ScimType.INVALID_SYNTAX, "Operations"),
                user("Operations not a list", "{\"Operations\":{\"op\":\"add\"}}", ScimType.INVALID_SYNTAX, "list"),
                user("operation not an object", "{\"Operations\":[\"add\"]}", ScimType.INVALID_SYNTAX, "operation 1"),
                user("op missing", "{\"Operations\":[{\"path\":\"title\",\"value\":\"x\"}]}",
                        ScimType.INVALID_SYNTAX, "op"),
                user("unknown op", "{\"Operations\":[{\"op\":\"move\",\"path\":\"title\",\"value\":\"x\"}]}",
                        ScimType.INVALID_SYNTAX, "move"),
                user("add without value", "{\"Operations\":[{\"op\":\"add\",\"path\":\"title\"}]}",
                        ScimType.INVALID_VALUE, "value"),
                user("replace with null value", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":null}]}",
                        ScimType.INVALID_VALUE, "value"),
                user("malformed path", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}]}",
                        ScimType.INVALID_PATH, "position"),
                user("unknown attribute", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"x\"}]}",
                        ScimType.INVALID_PATH, "shoeSize"),
                user("unknown sub-attribute", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"name.nick\",\"value\":\"x\"}]}",
                        ScimType.INVALID_PATH, "name.nick"),
                user("unknown attribute in a path-less value",
                        "{\"Operations\":[{\"op\":\"add\",\"value\":{\"shoeSize\":\"44\"}}]}", ScimType.INVALID_PATH, "shoeSize"),
                user("filter on a single-valued attribute",
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"name[givenName eq \\\"x\\\"]\",\"value\":{}}]}",
                        ScimType.INVALID_PATH, "multi-valued"),
                user("remove without path", "{\"Operations\":[{\"op\":\"remove\"}]}", ScimType.NO_TARGET, "path"),
                user("replace attr[filter] without match",
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"]\",\"value\":{\"value\":\"h@x\"}}]}",
                        ScimType.NO_TARGET, "emails"),
                user("replace attr[filter].sub without match and a filter Entra does not send",
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[value co \\\"y\\\"].type\",\"value\":\"home\"}]}",
                        ScimType.NO_TARGET, "emails"),
                user("replace emails.value when there are several emails",
                        "{\"Operations\":[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"h@x\",\"type\":\"home\"}]},"
                                + "{\"op\":\"replace\",\"path\":\"emails.value\",\"value\":\"n@x\"}]}",
                        ScimType.INVALID_PATH, "emails[type eq \"work\"].value"),
                user("readOnly id", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}",
                        ScimType.MUTABILITY, "id"),
                user("readOnly meta", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"x\"}]}",
                        ScimType.MUTABILITY, "meta"),
                user("readOnly groups", "{\"Operations\":[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}]}",
                        ScimType.MUTABILITY, "groups"),
                user("readOnly manager.displayName",
                        "{\"Operations\":[{\"op\":\"add\",\"path\":\"manager.displayName\",\"value\":\"Boss\"}]}",
                        ScimType.MUTABILITY, "manager.displayName"),
                user("password cannot be removed", "{\"Operations\":[{\"op\":\"remove\",\"path\":\"password\"}]}",
                        ScimType.MUTABILITY, "password"),
                user("string for a complex", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"name\",\"value\":\"Bab\"}]}",
                        ScimType.INVALID_VALUE, "name"),
                user("object for a string", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":{\"a\":1}}]}",
                        ScimType.INVALID_VALUE, "title"),
                user("non-boolean active", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"yes\"}]}",
                        ScimType.INVALID_VALUE, "active"),
                user("non-boolean primary",
                        "{\"Operations\":[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a\",\"primary\":\"ja\"}]}]}",
                        ScimType.INVALID_VALUE, "emails.primary"),
                user("removing userName", "{\"Operations\":[{\"op\":\"remove\",\"path\":\"userName\"}]}",
                        ScimType.INVALID_VALUE, "userName"),
                user("emptying userName", "{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"\"}]}",
                        ScimType.INVALID_VALUE, "userName"),
                user("path-less add with a non-object value", "{\"Operations\":[{\"op\":\"add\",\"value\":\"x\"}]}",
                        ScimType.INVALID_VALUE, "object"),
                user("unknown attribute in a value filter",
                        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"emails[colour eq \\\"red\\\"]\"}]}",
                        ScimType.INVALID_FILTER, "colour"),
                user("too many operations", "{\"Operations\":[" + "{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"},"
                        .repeat(3) + "{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]}", ScimType.INVALID_VALUE, "at most 3"),
                new Case("member sub-attribute path", true,
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members.display\",\"value\":\"x\"}]}",
                        ScimType.INVALID_PATH, "members"),
                new Case("member filter on something else than value", true,
                        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[display eq \\\"x\\\"]\"}]}",
                        ScimType.INVALID_FILTER, "value eq"),
                new Case("member without value", true,
                        "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"display\":\"x\"}]}]}",
                        ScimType.INVALID_VALUE, "value"),
                new Case("Entra member removal without value ids", true,
                        "{\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"display\":\"x\"}]}]}",
                        ScimType.INVALID_VALUE, "value"),
                new Case("group displayName required", true,
                        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"displayName\"}]}",
                        ScimType.INVALID_VALUE, "displayName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fails(Case c) {
        ResourceType type = c.group() ? REGISTRY.group() : REGISTRY.user();
        PatchInterpreter interpreter = new PatchInterpreter(type, 3);
        ScimException e = assertThrows(ScimException.class,
                () -> interpreter.apply(Json.object(c.group() ? GROUP : USER), Json.parse(c.body())));
        assertEquals(400, e.status());
        assertEquals(c.scimType(), e.scimType(), e.detail());
        assertEquals(true, e.detail().contains(c.detailMentions()), "detail: " + e.detail());
    }
}
