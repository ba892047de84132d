package io.scimserver.scim.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scimserver.scim.Json;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import io.scimserver.scim.schema.SchemaRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST/PUT bodies to canonical stored JSON (ENTRA.md §2, §6, §12). */
class ResourceNormalizerTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    private final ResourceNormalizer users = new ResourceNormalizer(REGISTRY.user());
    private final ResourceNormalizer groups = new ResourceNormalizer(REGISTRY.group());

    @Test
    void entraCreateUserBody() {
        NormalizedResource r = users.normalize(Json.parse("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"jdoe","userName":"jdoe@contoso.com","active":true,
                 "emails":[{"primary":true,"type":"work","value":"jdoe@contoso.com"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"John Doe","familyName":"Doe","givenName":"John"},
                 "roles":[]}"""));
        assertEquals(Json.parse("""
                {"externalId":"jdoe","userName":"jdoe@contoso.com","active":true,
                 "emails":[{"primary":true,"type":"work","value":"jdoe@contoso.com"}],
                 "name":{"formatted":"John Doe","familyName":"Doe","givenName":"John"}}"""), r.attributes());
        assertNull(r.password());
    }

    /** Entra's manager shapes in a POST/PUT body, as PATCH reads them (ManagerShape, EmptyManagerRemoval). */
    @ParameterizedTest
    @ValueSource(strings = {"\"m-1\"", "{\"value\":\"m-1\"}", "[{\"$ref\":\"../Users/m-1\",\"value\":\"m-1\"}]",
            "{\"value\":\"m-1\",\"$ref\":null}"})
    void managerInEveryEntraShapeIsStoredAsValueObject(String manager) {
        NormalizedResource r = users.normalize(Json.parse("""
                {"userName":"m@x.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":%s}}"""
                .formatted(manager)));
        assertEquals(Json.parse("""
                {"userName":"m@x.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"m-1"}}}"""),
                r.attributes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "{\"value\":\"\"}", "[{\"value\":\"\"}]", "[]"})
    void anEmptyManagerIsAbsent(String manager) {
        NormalizedResource r = users.normalize(Json.parse("""
                {"userName":"m@x.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":%s}}"""
                .formatted(manager)));
        assertEquals(Json.parse("{\"userName\":\"m@x.com\"}"), r.attributes());
    }

    @Test
    void toleratesNullsUnknownsReadOnlyAndMalformedUrns() {
        NormalizedResource r = users.normalize(Json.parse("""
                {"schemas":["urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
                 "id":"client-chosen","UserName":"a@x.com","displayName":null,"shoeSize":44,
                 "groups":[{"value":"g"}],"Active":"True",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0User":{"department":"X"},
                 "urn:example:custom:1.0:User":{"x":1}}"""));
        assertEquals(Json.parse("""
                {"userName":"a@x.com","active":true}"""), r.attributes());
    }

    @Test
    void extensionUnderItsUrnAndUrnQualifiedKeysFolded() {
        NormalizedResource r = users.normalize(Json.parse("""
                {"userName":"a@x.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"Department":"R&D","manager":{"value":"m"}},
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7",
                 "urn:ietf:params:scim:schemas:core:2.0:User:title":"CTO"}"""));
        assertEquals(Json.parse("""
                {"userName":"a@x.com","title":"CTO",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                   {"department":"R&D","manager":{"value":"m"},"employeeNumber":"7"}}"""), r.attributes());
    }

    @Test
    void passwordIsReturnedSeparately() {
        NormalizedResource r = users.normalize(Json.parse("""
                {"userName":"a@x.com","password":"t0p"}"""));
        assertEquals("t0p", r.password());
        assertEquals(Json.parse("{\"userName\":\"a@x.com\"}"), r.attributes());
    }

    @Test
    void entraCreateGroupBodyAndMembersSeparately() {
        NormalizedResource r = groups.normalize(Json.parse("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                            "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1","displayName":"Eng","members":[{"value":"u1","$ref":null},{"value":"u2"}]}"""));
        assertEquals(Json.parse("{\"externalId\":\"8aa1\",\"displayName\":\"Eng\"}"), r.attributes());
        assertEquals(List.of("u1", "u2"), r.memberIds());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"userName\":\"a\",\"name\":\"John\"}",
            "{\"userName\":\"a\",\"title\":{\"x\":1}}",
            "{\"userName\":\"a\",\"active\":\"maybe\"}",
            "{\"userName\":\"a\",\"active\":1}",
            "{\"userName\":\"a\",\"emails\":[\"a@x.com\"]}",
            "{\"userName\":{\"v\":1}}"})
    void wrongTypesAreInvalidValue(String body) {
        ScimException e = assertThrows(ScimException.class, () -> users.normalize(Json.parse(body)));
        assertEquals(ScimType.INVALID_VALUE, e.scimType());
        assertEquals(400, e.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"userName\":\"\"}", "{\"userName\":null}", "{\"displayName\":\"x\"}"})
    void userNameIsRequired(String body) {
        ScimException e = assertThrows(ScimException.class, () -> users.normalize(Json.parse(body)));
        assertEquals(ScimType.INVALID_VALUE, e.scimType());
        assertEquals(true, e.detail().contains("userName"));
    }

    @Test
    void groupDisplayNameIsRequired() {
        ScimException e = assertThrows(ScimException.class, () -> groups.normalize(Json.parse("{\"externalId\":\"x\"}")));
        assertEquals(true, e.detail().contains("displayName"));
    }
}
