package io.scimserver.web;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {

    /** The packaged application runs the prod profile: the document is served, Swagger UI is not (dev/test only). */
    @Test
    void swaggerUiIsNotInThePackagedApplication() {
        given().get("/q/swagger-ui").then().statusCode(404);
    }
}
