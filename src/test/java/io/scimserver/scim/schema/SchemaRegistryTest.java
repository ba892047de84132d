package io.scimserver.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.schema.AttributeDef.Mutability;
import io.scimserver.scim.schema.AttributeDef.Returned;
import io.scimserver.scim.schema.AttributeDef.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaRegistryTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    private static final String ENTERPRISE = SchemaRegistry.ENTERPRISE_USER_SCHEMA;

    @Test
    void loadsTheThreeSchemasAndTwoResourceTypes() {
        assertEquals(List.of(SchemaRegistry.USER_SCHEMA, ENTERPRISE, SchemaRegistry.GROUP_SCHEMA),
                REGISTRY.schemas().stream().map(SchemaDef::id).toList());
        assertEquals(List.of("User", "Group"), REGISTRY.resourceTypes().stream().map(ResourceType::name).toList());
        assertEquals(List.of(ENTERPRISE), REGISTRY.user().extensions().stream().map(SchemaDef::id).toList());
        assertTrue(REGISTRY.group().extensions().isEmpty());
    }

    @Test
    void theFullCoreUserSchema() {
        assertEquals(List.of("userName", "name", "displayName", "nickName", "profileUrl", "title", "userType",
                "preferredLanguage", "locale", "timezone", "active", "password", "emails", "phoneNumbers", "ims",
                "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates"),
                REGISTRY.user().schema().attributes().stream().map(AttributeDef::name).toList());
    }

    @Test
    void characteristicsComeFromTheJson() {
        AttributeDef password = REGISTRY.user().schema().attribute("password").orElseThrow();
        assertEquals(Mutability.WRITE_ONLY, password.mutability());
        assertEquals(Returned.NEVER, password.returned());
        AttributeDef id = resolve(REGISTRY.user(), AttrPath.of("id")).attribute();
        assertEquals(Mutability.READ_ONLY, id.mutability());
        assertEquals(Returned.ALWAYS, id.returned());
        assertTrue(id.caseExact());
        assertEquals(Mutability.READ_ONLY, REGISTRY.user().schema().attribute("groups").orElseThrow().mutability());
        assertTrue(REGISTRY.user().schema().attribute("userName").orElseThrow().required());
        assertTrue(REGISTRY.group().schema().attribute("displayName").orElseThrow().required());
        assertEquals(Type.BOOLEAN, resolve(REGISTRY.user(), AttrPath.of("emails", "primary")).leaf().type());
        assertEquals(List.of("value", "$ref", "displayName"), resolve(REGISTRY.user(), AttrPath.of("manager"))
                .attribute().subAttributes().stream().map(AttributeDef::name).toList());
        assertEquals(List.of("value", "$ref", "display", "type"), resolve(REGISTRY.group(), AttrPath.of("members"))
                .attribute().subAttributes().stream().map(AttributeDef::name).toList());
    }

    @ParameterizedTest
    @CsvSource({
            ",username,,userName,",
            ",NAME,familyname,name,familyName",
            "urn:ietf:params:scim:schemas:core:2.0:User,name,familyName,name,familyName",
            "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER,userName,,userName,",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,manager,,manager,",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,manager,value,manager,value",
            ",employeeNumber,,employeeNumber,",
            ",externalId,,externalId,",
            ",meta,lastModified,meta,lastModified"})
    void resolvesCaseInsensitivelyAndByUrn(String urn, String name, String sub, String attr, String leafSub) {
        ResolvedAttribute r = resolve(REGISTRY.user(), new AttrPath(urn, name, sub));
        assertEquals(attr, r.attribute().name());
        assertEquals(leafSub, r.sub() == null ? null : r.sub().name());
    }

    @Test
    void extensionAttributesKnowTheirSchema() {
        assertEquals(ENTERPRISE, resolve(REGISTRY.user(), AttrPath.of("department")).schema().id());
        assertTrue(REGISTRY.user().isExtension(resolve(REGISTRY.user(), AttrPath.of("department")).schema()));
    }

    @Test
    void unknownOrMisplacedNamesDoNotResolve() {
        assertFalse(REGISTRY.user().resolve(AttrPath.of("shoeSize")).isPresent());
        assertFalse(REGISTRY.user().resolve(AttrPath.of("name", "nick")).isPresent());
        assertFalse(REGISTRY.user().resolve(new AttrPath(ENTERPRISE, "userName", null)).isPresent());
        assertFalse(REGISTRY.user().resolve(new AttrPath(ENTERPRISE.replace(":2.0:", ":2.0"), "manager", null))
                .isPresent());
        assertFalse(REGISTRY.group().resolve(AttrPath.of("userName")).isPresent());
    }

    private static ResolvedAttribute resolve(ResourceType type, AttrPath path) {
        return type.resolve(path).orElseThrow(() -> new AssertionError("unresolved " + path));
    }
}
