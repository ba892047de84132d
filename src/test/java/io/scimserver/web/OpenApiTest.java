package io.scimserver.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The OpenAPI document at /q/openapi lists every endpoint of the code, with the SCIM media type and error bodies. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class OpenApiTest {

    private static JsonPath document() {
        return TestClient.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    /** Operations live on the management port: the application port does not serve the document. */
    @Test
    void theApplicationPortDoesNotServeTheDocument() {
        given().get("/q/openapi").then().statusCode(401);
    }

    /**
     * "METHOD /path" of every JAX-RS resource method, read from the compiled classes, but the admin console's: its
     * HTML pages and forms are for browsers, not API clients, and stay out of the API document.
     */
    static TreeSet<String> endpointsInCode() throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
        TreeSet<String> out = new TreeSet<>();
        List<String> classes;
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/scimserver"))) {
            classes = files.map(p -> root.relativize(p).toString()).filter(p -> p.endsWith(".class") && !p.contains("$"))
                    .map(p -> p.substring(0, p.length() - 6).replace('/', '.')).toList();
        }
        for (String name : classes) {
            Class<?> type;
            try {
                type = Class.forName(name, false, OpenApiTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            Path base = type.getAnnotation(Path.class);
            if (base == null || base.value().startsWith("/console")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    out.add(verb + " " + join(base.value(), sub == null ? "" : sub.value()));
                }
            }
        }
        return out;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String p = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Test
    void everyEndpointIsDocumented() throws IOException {
        TreeSet<String> code = endpointsInCode();
        assertTrue(code.contains("PATCH /scim/v2/Users/{id}") && code.contains("GET /api/v1/audit")
                && code.size() > 25, "the scan found the resources: " + code);
        Map<String, Map<String, Object>> paths = document().getMap("paths");
        TreeSet<String> documented = new TreeSet<>();
        paths.forEach((path, ops) -> ops.keySet().forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        List<String> missing = new ArrayList<>(code);
        missing.removeAll(documented);
        assertEquals(List.of(), missing, "endpoints missing from /q/openapi");
        assertTrue(documented.stream().noneMatch(e -> e.contains(" /console")), "the console is no API: " + documented);
    }

    @Test
    void scimOperationsUseTheScimMediaTypeWithEntraExamplesAndScimErrors() {
        JsonPath doc = document();
        Map<String, Object> examples = doc.getMap(
                "paths.'/scim/v2/Users'.post.requestBody.content.'application/scim+json'.examples");
        assertNotNull(examples, "create user examples");
        assertTrue(examples.toString().contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
        assertTrue(doc.getMap("paths.'/scim/v2/Groups/{id}'.patch.requestBody.content.'application/scim+json'.examples")
                .keySet().containsAll(List.of("add-members", "remove-legacy", "remove-flagged", "rename")));
        assertNotNull(doc.get("paths.'/scim/v2/Users/{id}'.get.responses.'200'.content.'application/scim+json'"));
        assertEquals("#/components/schemas/ScimError",
                doc.getString("paths.'/scim/v2/Users'.post.responses.'409'.content.'application/scim+json'.schema.$ref"));
        assertEquals("#/components/schemas/ApiError",
                doc.getString("paths.'/api/v1/audit'.get.responses.'403'.content.'application/json'.schema.$ref"));
        assertEquals(List.of("schemas", "status"), doc.getList("components.schemas.ScimError.required"));
        assertTrue(doc.getList("paths.'/scim/v2/Users'.post.security").toString().contains("bearer"));
        assertEquals(null, doc.getString("paths.'/api/v1/login'.post.security"));
    }
}
