package io.scimserver.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.Json;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

/** Behaviour beyond the corpus: atomicity, password, userName exposure, caseExact in value filters. */
class PatchInterpreterTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    private final PatchInterpreter users = new PatchInterpreter(REGISTRY.user(), 10);

    @Test
    void anErrorInALaterOperationLeavesNothingApplied() {
        ObjectNode user = Json.object("""
                {"userName":"a@x.com","title":"Old"}""");
        assertThrows(ScimException.class, () -> users.apply(user, Json.parse("""
                {"Operations":[{"op":"replace","path":"title","value":"New"},
                               {"op":"replace","path":"id","value":"x"}]}""")));
        assertEquals(Json.parse("""
                {"userName":"a@x.com","title":"Old"}"""), user);
    }

    @Test
    void passwordIsReturnedAndNeverStored() {
        PatchResult r = users.apply(Json.object("{\"userName\":\"a@x.com\"}"), Json.parse("""
                {"Operations":[{"op":"replace","path":"password","value":"s3cret"}]}"""));
        assertEquals("s3cret", r.password());
        assertFalse(r.resource().has("password"));
        assertFalse(r.changed());
    }

    @Test
    void pathLessPasswordToo() {
        PatchResult r = users.apply(Json.object("{\"userName\":\"a@x.com\"}"), Json.parse("""
                {"Operations":[{"op":"replace","value":{"password":"s3cret","title":"T"}}]}"""));
        assertEquals("s3cret", r.password());
        assertEquals(Json.parse("{\"userName\":\"a@x.com\",\"title\":\"T\"}"), r.resource());
    }

    /** RFC 7644 §3.5.2.1/§3.5.2.3 behaviour of the interpreter itself: no quirk list at all. */
    @Test
    void pathLessAddAndReplaceWithoutAnyQuirk() {
        PatchInterpreter plain = new PatchInterpreter(REGISTRY.user(), 10, java.util.List.of());
        PatchResult r = plain.apply(Json.object("{\"userName\":\"a@x.com\",\"title\":\"Old\"}"), Json.parse("""
                {"Operations":[{"op":"replace","value":{"title":"New","displayName":"D"}},
                  {"op":"add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R"}}}]}"""));
        assertEquals(Json.parse("""
                {"userName":"a@x.com","title":"New","displayName":"D",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R"}}"""), r.resource());
    }

    /** maxOperations holds for what the request becomes, not only for what it says: 1 operation spread to 12. */
    @Test
    void maxOperationsIsCheckedAfterExpansion() {
        StringBuilder value = new StringBuilder("{");
        String[] keys = { "title", "displayName", "nickName", "profileUrl", "userType", "preferredLanguage", "locale",
            "timezone", "name.givenName", "name.familyName", "name.middleName", "name.formatted" };
        for (int i = 0; i < keys.length; i++) {
            value.append(i == 0 ? "" : ",").append('"').append(keys[i]).append("\":\"x").append(i).append('"');
        }
        value.append("}");
        ScimException e = assertThrows(ScimException.class, () -> users.apply(Json.object("{\"userName\":\"a@x.com\"}"),
                Json.parse("{\"Operations\":[{\"op\":\"replace\",\"value\":" + value + "}]}")));
        assertEquals("invalidValue", e.scimType().keyword());
        assertTrue(e.detail().contains("at most 10 operations"), e.detail());
    }

    @Test
    void theCallerSeesTheNewUserName() {
        PatchResult r = users.apply(Json.object("{\"userName\":\"a@x.com\"}"), Json.parse("""
                {"Operations":[{"op":"Replace","path":"userName","value":"b@x.com"}]}"""));
        assertEquals("b@x.com", r.userName());
    }

    @Test
    void valueFiltersAreCaseInsensitiveForCaseInsensitiveSubAttributes() {
        PatchResult r = users.apply(Json.object("""
                {"userName":"a@x.com","emails":[{"value":"A@X.COM","type":"Work"}]}"""), Json.parse("""
                {"Operations":[{"op":"remove","path":"emails[type eq \\"work\\" and value eq \\"a@x.com\\"]"}]}"""));
        assertEquals(Json.parse("{\"userName\":\"a@x.com\"}"), r.resource());
        assertTrue(r.changed());
    }

    @Test
    void readOnlyMetaCannotBeReplaced() {
        ScimException e = assertThrows(ScimException.class, () -> users.apply(Json.object("""
                {"userName":"a@x.com","externalId":"e"}"""), Json.parse("""
                {"Operations":[{"op":"replace","path":"meta","value":{"version":"1"}}]}""")));
        assertEquals("mutability", e.scimType().keyword());
    }

    @Test
    void removeWithValueOnAnyMultiValuedAttributeRemovesOnlyThoseValues() {
        PatchResult r = users.apply(Json.object("""
                {"userName":"a@x.com","emails":[{"value":"a@x.com","type":"work"},{"value":"b@x.com","type":"home"}]}"""),
                Json.parse("""
                {"Operations":[{"op":"Remove","path":"emails","value":[{"value":"b@x.com"}]}]}"""));
        assertEquals(Json.parse("""
                {"userName":"a@x.com","emails":[{"value":"a@x.com","type":"work"}]}"""), r.resource());
    }
}
