package io.scimserver.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A SCIM client for tests: the organisation's admin token and the SCIM media type. */
public record Scim(TestClient.Org org) {

    public static final String SCIM_JSON = "application/scim+json";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    public RequestSpecification request() {
        return given().auth().oauth2(org.adminToken()).contentType(SCIM_JSON).accept(SCIM_JSON);
    }

    /** Creates a user the way Entra does and returns its id. */
    public String createUser(String userName) {
        return request().body("""
                {"schemas":["%s","%s"],"externalId":"%s","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "name":{"formatted":"Test User","familyName":"User","givenName":"Test"},
                 "meta":{"resourceType":"User"}}""".formatted(USER, ENTERPRISE, userName.split("@")[0], userName,
                userName))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    /** Creates an empty group the way Entra does and returns its id. */
    public String createGroup(String displayName) {
        return request().body("""
                {"schemas":["%s","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"%s","displayName":"%s"}""".formatted(GROUP, java.util.UUID.randomUUID(), displayName))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
    }

    public Response patch(String path, String operationsJson) {
        return request().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + operationsJson + "}")
                .patch(path);
    }
}
