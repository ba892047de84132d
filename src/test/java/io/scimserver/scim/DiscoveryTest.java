package io.scimserver.scim;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import org.junit.jupiter.api.Test;

/** The discovery endpoints advertise what the server does, from the same schema definitions it validates with. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DiscoveryTest {

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    @Test
    void serviceProviderConfigAdvertisesWhatIsBuilt() {
        scim().request().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("patch.supported", equalTo(true))
                .body("filter.supported", equalTo(true))
                .body("filter.maxResults", equalTo(1000))
                .body("sort.supported", equalTo(true))
                .body("etag.supported", equalTo(true))
                .body("bulk.supported", equalTo(true))
                .body("bulk.maxOperations", equalTo(1000))
                .body("bulk.maxPayloadSize", equalTo(1048576))
                .body("changePassword.supported", equalTo(true))
                .body("authenticationSchemes[0].type", equalTo("oauthbearertoken"));
    }

    @Test
    void schemasListsUserEnterpriseAndGroup() {
        scim().request().get("/scim/v2/Schemas").then().statusCode(200)
                .body("totalResults", equalTo(3))
                .body("Resources.id", containsInAnyOrder(Scim.USER, Scim.ENTERPRISE, Scim.GROUP));
        scim().request().get("/scim/v2/Schemas/" + Scim.USER).then().statusCode(200)
                .body("attributes.name", hasItem("userName"))
                .body("attributes.find { it.name == 'password' }.returned", equalTo("never"))
                .body("attributes.find { it.name == 'userName' }.uniqueness", equalTo("server"));
        scim().request().get("/scim/v2/Schemas/urn:nope").then().statusCode(404);
    }

    @Test
    void resourceTypesNameTheEndpoints() {
        scim().request().get("/scim/v2/ResourceTypes").then().statusCode(200)
                .body("Resources.endpoint", containsInAnyOrder("/Users", "/Groups"));
        scim().request().get("/scim/v2/ResourceTypes/User").then().statusCode(200)
                .body("schemaExtensions[0].schema", equalTo(Scim.ENTERPRISE));
    }
}
