package io.scimserver.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The schemas and resource types this server supports, read once from the JSON resources under
 * {@code scim/schemas/} (remember {@code quarkus.native.resources.includes=scim/schemas/*.json} for native builds).
 */
public final class SchemaRegistry {

    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static final String DIR = "scim/schemas/";

    private final List<SchemaDef> schemas;
    private final ResourceType user;
    private final ResourceType group;

    private SchemaRegistry(SchemaDef userSchema, SchemaDef enterprise, SchemaDef groupSchema, List<AttributeDef> common) {
        this.schemas = List.of(userSchema, enterprise, groupSchema);
        this.user = new ResourceType("User", "/Users", "User Account", userSchema, List.of(enterprise), common);
        this.group = new ResourceType("Group", "/Groups", "Group", groupSchema, List.of(), common);
    }

    /** Reads the schema resources from the classpath. */
    public static SchemaRegistry load() {
        ObjectMapper mapper = new ObjectMapper();
        return new SchemaRegistry(
                SchemaJson.readSchema(read(mapper, "User.json")),
                SchemaJson.readSchema(read(mapper, "EnterpriseUser.json")),
                SchemaJson.readSchema(read(mapper, "Group.json")),
                SchemaJson.readAttributes(read(mapper, "Common.json").path("attributes")));
    }

    private static JsonNode read(ObjectMapper mapper, String file) {
        try (InputStream in = SchemaRegistry.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the classpath: " + DIR + file);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + DIR + file, e);
        }
    }

    public ResourceType user() {
        return user;
    }

    public ResourceType group() {
        return group;
    }

    public List<ResourceType> resourceTypes() {
        return List.of(user, group);
    }

    /** The resource type with this name ({@code User}, {@code Group}), case-insensitively. */
    public Optional<ResourceType> resourceType(String name) {
        return resourceTypes().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Every schema served under {@code /Schemas}: User, EnterpriseUser, Group. */
    public List<SchemaDef> schemas() {
        return schemas;
    }

    /** The schema with this URN, case-insensitively. */
    public Optional<SchemaDef> schema(String urn) {
        return schemas.stream().filter(s -> s.id().equalsIgnoreCase(urn)).findFirst();
    }
}
