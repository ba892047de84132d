package io.scimserver.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.Json;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.ResourceType;
import io.scimserver.scim.schema.SchemaRegistry;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the PATCH interpreter over random and mutated requests: the answer is a result or a
 * {@link ScimException} with status 400 and a scimType (the documented errors), never anything else; the stored
 * resource handed in is never modified; a result still has its required userName/displayName; applying the same
 * request to the result of a successful replace-only request changes nothing more (idempotence of replace).
 */
class PatchInterpreterProperties {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectNode USER = Json.object("""
            {"userName":"a@x.com","active":true,"displayName":"A","title":"T",
             "name":{"givenName":"A","familyName":"X"},
             "emails":[{"type":"work","value":"a@x.com","primary":true}],
             "phoneNumbers":[{"type":"mobile","value":"+1"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"D","manager":{"value":"m"}}}""");
    private static final ObjectNode GROUP = Json.object("{\"displayName\":\"G\",\"externalId\":\"e\"}");

    private static final List<String> PATHS = List.of("userName", "displayName", "title", "active", "nickName",
            "name", "name.givenName", "name.familyName", "emails", "emails[type eq \"work\"].value",
            "emails[type eq \"work\"]", "emails[value co \"@\"].primary", "phoneNumbers[type eq \"mobile\"].value",
            "addresses[type eq \"work\"].locality", "id", "meta", "meta.created", "groups", "password", "members",
            "members[value eq \"x\"]", "externalId", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "roles", "x509Certificates",
            "emails[type eq \"work\"", "emails[]", "name..givenName", "9abc", "", " ", "emails[type eq work].value",
            "unknownAttr", "urn:bad:schema:attr", "name.unknown", "emails[not (type pr)].value",
            // the nasty cases: numbers that overflow, NUL and lone surrogates escaped and raw, a 70,000-char token
            "members[value eq 1e9999999999]", "emails[value eq -1e-9999999999].type", "emails[value eq \"a\\u0000\"]",
            "emails[value eq \"\\ud800\"].value", "emails[value eq \"a\u0000\"]", "emails[type eq \"\ud800\"]",
            "user\u0000Name", "\u0130userName", "emails[value eq " + "9".repeat(70_000) + "]", "x".repeat(70_000));
    private static final List<String> OPS = List.of("add", "Add", "replace", "Replace", "remove", "Remove", "REPLACE",
            "delete", "", "move");

    @Property(tries = 3000)
    void randomUserPatchesAreAResultOrADocumentedError(@ForAll("userRequests") JsonNode request) {
        check(REGISTRY.user(), USER, request);
    }

    @Property(tries = 1500)
    void randomGroupPatchesAreAResultOrADocumentedError(@ForAll("userRequests") JsonNode request) {
        check(REGISTRY.group(), GROUP, request);
    }

    @Property(tries = 1000)
    void arbitraryJsonBodiesAreAResultOrADocumentedError(@ForAll("anyJson") JsonNode request) {
        check(REGISTRY.user(), USER, request);
    }

    @Property(tries = 1000)
    void replaceIsIdempotent(@ForAll("replaceOps") JsonNode request) {
        PatchInterpreter interpreter = new PatchInterpreter(REGISTRY.user(), 100);
        PatchResult first;
        try {
            first = interpreter.apply(USER, request);
        } catch (ScimException e) {
            return;
        }
        PatchResult second = interpreter.apply(first.resource(), request);
        assertEquals(first.resource(), second.resource(), request.toString());
    }

    private static void check(ResourceType type, ObjectNode stored, JsonNode request) {
        ObjectNode before = stored.deepCopy();
        try {
            PatchResult r = new PatchInterpreter(type, 5).apply(stored, request);
            assertNotNull(r.resource());
            String required = type.name().equals("User") ? "userName" : "displayName";
            assertTrue(r.resource().path(required).isTextual() && !r.resource().path(required).asText().isBlank(),
                    "required attribute lost by " + request);
            MAPPER.writeValueAsString(r.resource());
        } catch (ScimException e) {
            assertEquals(400, e.status(), request + " -> " + e.getMessage());
            assertNotNull(e.scimType(), request + " -> " + e.getMessage());
            assertTrue(e.detail() != null && !e.detail().isBlank());
        } catch (Exception | StackOverflowError e) {
            fail(request + " threw " + e, e);
        }
        assertEquals(before, stored, "the stored resource was modified by " + request);
    }

    @Provide
    Arbitrary<JsonNode> userRequests() {
        Arbitrary<JsonNode> op = Combinators.combine(Arbitraries.of(OPS), Arbitraries.of(PATHS).injectNull(0.15),
                value(2).injectNull(0.1)).as((o, p, v) -> {
                    ObjectNode n = F.objectNode().put("op", o);
                    if (p != null) {
                        n.put("path", p);
                    }
                    if (v != null) {
                        n.set("value", v);
                    }
                    return (JsonNode) n;
                });
        return op.list().ofMaxSize(7).map(ops -> {
            ObjectNode body = F.objectNode();
            body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
            ArrayNode a = body.putArray("Operations");
            ops.forEach(a::add);
            return body;
        });
    }

    @Provide
    Arbitrary<JsonNode> replaceOps() {
        Arbitrary<String> paths = Arbitraries.of("displayName", "title", "name.givenName", "emails[type eq \"work\"].value",
                "phoneNumbers[type eq \"fax\"].value", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                "active", "nickName");
        Arbitrary<JsonNode> op = Combinators.combine(paths, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5))
                .as((p, v) -> (JsonNode) F.objectNode().put("op", "replace").put("path", p).put("value", v));
        return op.list().ofMinSize(1).ofMaxSize(4).map(ops -> {
            ObjectNode body = F.objectNode();
            ops.forEach(body.putArray("Operations")::add);
            return body;
        });
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        Arbitrary<JsonNode> operations = value(3).list().ofMaxSize(4).map(l -> {
            ObjectNode body = F.objectNode();
            ArrayNode a = body.putArray(l.size() % 2 == 0 ? "Operations" : "operations");
            l.forEach(a::add);
            return body;
        });
        return Arbitraries.oneOf(value(3), operations);
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(F::textNode),
                Arbitraries.of("True", "False", "true", "", "a@x.com", "work", "x", "\u0000", "\ud800", "\u0130",
                        "\uff21", "x".repeat(20_000)).map(F::textNode),
                Arbitraries.of(Double.POSITIVE_INFINITY, 1e308, -1e-308).map(F::numberNode),
                Arbitraries.integers().map(F::numberNode),
                Arbitraries.of(true, false).map(F::booleanNode),
                Arbitraries.just(F.nullNode()));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> sub = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(PATHS), Arbitraries.of("value", "type", "primary",
                "op", "path", "$ref", "display"));
        Arbitrary<JsonNode> object = Combinators.combine(keys, sub).as((k, v) -> new Object[] { k, v }).list()
                .ofMaxSize(4).map(entries -> {
                    ObjectNode o = F.objectNode();
                    entries.forEach(e -> o.set((String) e[0], (JsonNode) e[1]));
                    return o;
                });
        Arbitrary<JsonNode> array = sub.list().ofMaxSize(4).map(l -> {
            ArrayNode a = F.arrayNode();
            l.forEach(a::add);
            return a;
        });
        return Arbitraries.oneOf(scalar, object, array);
    }
}
