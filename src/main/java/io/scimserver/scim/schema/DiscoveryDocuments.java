package io.scimserver.scim.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code /Schemas} and {@code /ResourceTypes} documents (RFC 7644 §4, RFC 7643 §6-7), rendered from the same
 * definitions validation and PATCH use. {@code baseUrl} is the SCIM base, such as {@code https://h/scim/v2}; a
 * trailing slash is ignored.
 */
public final class DiscoveryDocuments {

    private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private final SchemaRegistry registry;

    public DiscoveryDocuments(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** One schema with {@code meta}. */
    public ObjectNode schema(SchemaDef schema, String baseUrl) {
        ObjectNode o = SchemaJson.write(schema);
        o.set("meta", meta("Schema", base(baseUrl) + "/Schemas/" + schema.id()));
        return o;
    }

    /** The ListResponse of {@code GET /Schemas}. */
    public ObjectNode schemas(String baseUrl) {
        return list(registry.schemas(), s -> schema(s, baseUrl));
    }

    /** One resource type with {@code meta}. */
    public ObjectNode resourceType(ResourceType type, String baseUrl) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add(RESOURCE_TYPE_SCHEMA);
        o.put("id", type.name());
        o.put("name", type.name());
        o.put("endpoint", type.endpoint());
        o.put("description", type.description());
        o.put("schema", type.schema().id());
        ArrayNode extensions = o.putArray("schemaExtensions");
        type.extensions().forEach(e -> extensions.addObject().put("schema", e.id()).put("required", false));
        o.set("meta", meta("ResourceType", base(baseUrl) + "/ResourceTypes/" + type.name()));
        return o;
    }

    /** The ListResponse of {@code GET /ResourceTypes}. */
    public ObjectNode resourceTypes(String baseUrl) {
        return list(registry.resourceTypes(), t -> resourceType(t, baseUrl));
    }

    private static <T> ObjectNode list(List<T> items, Function<T, ObjectNode> render) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add(LIST_RESPONSE);
        o.put("totalResults", items.size());
        o.put("itemsPerPage", items.size());
        o.put("startIndex", 1);
        ArrayNode resources = o.putArray("Resources");
        items.forEach(i -> resources.add(render.apply(i)));
        return o;
    }

    private static ObjectNode meta(String resourceType, String location) {
        return JsonNodeFactory.instance.objectNode().put("resourceType", resourceType).put("location", location);
    }

    private static String base(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
