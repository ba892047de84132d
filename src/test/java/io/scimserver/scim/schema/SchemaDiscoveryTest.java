package io.scimserver.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.Json;
import org.junit.jupiter.api.Test;

class SchemaDiscoveryTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    private final DiscoveryDocuments docs = new DiscoveryDocuments(REGISTRY);

    @Test
    void schemasListResponse() {
        ObjectNode list = docs.schemas("https://h/scim/v2/");
        assertEquals(3, list.get("totalResults").asInt());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", list.get("schemas").get(0).asText());
        JsonNode user = list.get("Resources").get(0);
        assertEquals("urn:ietf:params:scim:schemas:core:2.0:User", user.get("id").asText());
        assertEquals(Json.parse("""
                {"resourceType":"Schema",
                 "location":"https://h/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"}"""), user.get("meta"));
        JsonNode userName = user.get("attributes").get(0);
        assertEquals(Json.parse("""
                {"name":"userName","type":"string","multiValued":false,
                 "description":"%s","required":true,"caseExact":false,"mutability":"readWrite","returned":"default",
                 "uniqueness":"server"}""".formatted(userName.get("description").asText())), userName);
    }

    @Test
    void schemaRoundTripsThroughTheResourceFormat() {
        for (SchemaDef schema : REGISTRY.schemas()) {
            ObjectNode rendered = docs.schema(schema, "https://h/v2");
            assertEquals(schema, SchemaJson.readSchema(rendered));
        }
    }

    @Test
    void resourceTypes() {
        ObjectNode list = docs.resourceTypes("https://h/scim/v2");
        assertEquals(Json.parse("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],"id":"User","name":"User",
                 "endpoint":"/Users","description":"User Account","schema":"urn:ietf:params:scim:schemas:core:2.0:User",
                 "schemaExtensions":[{"schema":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","required":false}],
                 "meta":{"resourceType":"ResourceType","location":"https://h/scim/v2/ResourceTypes/User"}}"""),
                list.get("Resources").get(0));
        assertEquals(Json.parse("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],"id":"Group","name":"Group",
                 "endpoint":"/Groups","description":"Group","schema":"urn:ietf:params:scim:schemas:core:2.0:Group",
                 "schemaExtensions":[],
                 "meta":{"resourceType":"ResourceType","location":"https://h/scim/v2/ResourceTypes/Group"}}"""),
                list.get("Resources").get(1));
    }
}
