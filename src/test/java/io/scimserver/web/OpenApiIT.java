package io.scimserver.web;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.scimserver.testing.TestClient;
import org.junit.jupiter.api.Test;

@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {

    /**
     * The packaged application runs the prod profile: the document is served on the management port, Swagger UI is
     * not served at all (dev/test only), and the application port serves neither.
     */
    @Test
    void swaggerUiIsNotInThePackagedApplication() {
        TestClient.management().get("/q/swagger-ui").then().statusCode(404);
        given().get("/q/swagger-ui").then().statusCode(401);
    }
}
