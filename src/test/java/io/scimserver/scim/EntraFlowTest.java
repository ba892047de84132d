package io.scimserver.scim;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Microsoft Entra ID's provisioning cycle replayed end to end, in its order (ENTRA.md "The flows"), once with the
 * Tenant URL flag {@code ?aadOptscim062020} and its request shapes, and once without: both must work on one
 * deployment because provision-on-demand ignores the flag.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class EntraFlowTest {

    private RequestSpecification entra(boolean flag) {
        RequestSpecification r = new Scim(TestClient.orgOf(getClass())).request().header("User-Agent", "");
        return flag ? r.queryParam("aadOptscim062020", "") : r;
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}";
    }

    @ParameterizedTest(name = "aadOptscim062020={0}")
    @ValueSource(booleans = { false, true })
    void fullCycle(boolean flag) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String upn = "alice." + tag + "@contoso.example";

        // 1. test connection: a probe with a random userName, and a group probe
        entra(flag).queryParam("filter", "userName eq \"" + UUID.randomUUID() + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
        entra(flag).queryParam("excludedAttributes", "members")
                .queryParam("filter", "displayName eq \"" + UUID.randomUUID() + "\"").get("/scim/v2/Groups")
                .then().statusCode(200).body("totalResults", equalTo(0));

        // 2. create user: query, then POST
        entra(flag).queryParam("filter", "userName eq \"" + upn + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
        String userId = entra(flag).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"alice%s","userName":"%s","active":true,"displayName":null,"roles":[],
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "name":{"formatted":"Alice Smith","familyName":"Smith","givenName":"Alice"},
                 "meta":{"resourceType":"User"}}""".formatted(tag, upn, upn))
                .post("/scim/v2/Users")
                .then().statusCode(201).contentType(startsWith("application/scim+json"))
                .body("id", notNullValue()).extract().path("id");

        // 3. update user: the shapes differ with and without the flag
        if (flag) {
            entra(flag).body(patch("""
                    [{"op":"replace","value":{"displayName":"Alice S","name.givenName":"Alicia",
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}},
                     {"op":"add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555 0101"}]"""))
                    .patch("/scim/v2/Users/" + userId).then().statusCode(200);
        } else {
            entra(flag).body(patch("""
                    [{"op":"Replace","path":"displayName","value":"Alice S"},
                     {"op":"Replace","path":"name.givenName","value":"Alicia"},
                     {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"42"},
                     {"op":"Add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555 0101"}]"""))
                    .patch("/scim/v2/Users/" + userId).then().statusCode(200);
        }
        entra(flag).get("/scim/v2/Users/" + userId).then().statusCode(200)
                .body("displayName", equalTo("Alice S"))
                .body("name.givenName", equalTo("Alicia"))
                .body("name.familyName", equalTo("Smith"))
                .body("phoneNumbers[0].value", equalTo("+1 555 0101"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.employeeNumber", equalTo("42"));

        // manager as a bare id, then removed with ""
        String manager = new Scim(TestClient.orgOf(getClass())).createUser("boss." + tag + "@contoso.example");
        entra(flag).body(patch("[{\"op\":\"Replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\",\"value\":\"" + manager + "\"}]"))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200)
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager.value", equalTo(manager));
        entra(flag).queryParam("filter", "id eq \"" + userId + "\" and manager eq \"" + manager + "\"")
                .queryParam("attributes", "id").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(userId));
        entra(flag).body(patch("[{\"op\":\"Replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\",\"value\":\"\"}]"))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200)
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager", nullValue());

        // 6-7. group: probe, create empty, add members, remove them in the dialect of the flag
        String groupName = "Eng-" + tag;
        String groupId = entra(flag).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                  "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"%s","displayName":"%s"}""".formatted(UUID.randomUUID(), groupName))
                .post("/scim/v2/Groups").then().statusCode(201).body("members", hasSize(0)).extract().path("id");
        String second = new Scim(TestClient.orgOf(getClass())).createUser("bob." + tag + "@contoso.example");
        entra(flag).body(patch("[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + userId
                + "\"},{\"$ref\":null,\"value\":\"" + second + "\"}]}]"))
                .patch("/scim/v2/Groups/" + groupId).then().statusCode(204);
        String remove = flag
                ? "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + second + "\\\"]\"}]"
                : "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + second + "\"}]}]";
        entra(flag).body(patch(remove)).patch("/scim/v2/Groups/" + groupId).then().statusCode(204);
        entra(flag).get("/scim/v2/Groups/" + groupId).then().body("members.value", containsInAnyOrder(userId));
        entra(flag).queryParam("excludedAttributes", "members").get("/scim/v2/Groups/" + groupId)
                .then().statusCode(200).body("members", nullValue()).body("displayName", equalTo(groupName));

        // 8. rename the group
        String renamed = groupName + "-renamed";
        String rename = flag
                ? "[{\"op\":\"replace\",\"value\":{\"displayName\":\"" + renamed + "\"}}]"
                : "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + renamed + "\"}]";
        entra(flag).body(patch(rename)).patch("/scim/v2/Groups/" + groupId).then().statusCode(204);
        entra(flag).get("/scim/v2/Groups/" + groupId).then().body("displayName", equalTo(renamed));

        // 4. disable and re-enable: a string without the flag, a boolean with it
        String off = flag ? "false" : "\"False\"";
        String on = flag ? "true" : "\"True\"";
        entra(flag).body(patch("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":" + off + "}]"))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200).body("active", equalTo(false));
        entra(flag).queryParam("filter", "userName eq \"" + upn + "\"").get("/scim/v2/Users")
                .then().body("totalResults", equalTo(1)).body("Resources[0].active", equalTo(false));
        entra(flag).body(patch("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":" + on + "}]"))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200).body("active", equalTo(true));

        // 12. the validator's empty PATCH
        entra(flag).body(patch("[]")).patch("/scim/v2/Users/" + userId).then().statusCode(200);

        // 9, 5. delete the group, then the user
        entra(flag).delete("/scim/v2/Groups/" + groupId).then().statusCode(204);
        entra(flag).get("/scim/v2/Groups/" + groupId).then().statusCode(404);
        entra(flag).delete("/scim/v2/Users/" + userId).then().statusCode(204);
        entra(flag).get("/scim/v2/Users/" + userId).then().statusCode(404);
        entra(flag).queryParam("filter", "userName eq \"" + upn + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
        entra(flag).body(patch("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":" + on + "}]"))
                .patch("/scim/v2/Users/" + userId).then().statusCode(404);

        // 2 again: assigned anew, the user is queried (not found) and created: the kept account, with its old id
        entra(flag).queryParam("filter", "userName eq \"" + upn + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
        entra(flag).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"alice%s","userName":"%s",
                 "active":true,"name":{"familyName":"Smith","givenName":"Alice"},"meta":{"resourceType":"User"}}"""
                .formatted(tag, upn))
                .post("/scim/v2/Users").then().statusCode(201).body("id", equalTo(userId))
                .body("displayName", nullValue()).body("name.givenName", equalTo("Alice"));
        entra(flag).queryParam("filter", "userName eq \"" + upn + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(userId));
    }
}
