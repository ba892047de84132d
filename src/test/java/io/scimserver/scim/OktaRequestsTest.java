package io.scimserver.scim;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The requests Okta's SCIM 2.0 provisioning sends, in the shapes of Okta's SCIM 2.0 reference: users found by a
 * userName filter with paging parameters, created with {@code groups: []}, updated with a whole-object PUT, deactivated
 * and reactivated with a path-less PATCH of {@code active}; groups renamed with a path-less PATCH whose value carries
 * the group's own {@code id}, members added with {@code display} and removed by a value filter.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class OktaRequestsTest {

    Scim scim() {
        return new Scim(TestClient.orgOf(getClass()));
    }

    @Test
    void oktaUserLifeCycle() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String userName = "okta-" + tag + "@example.com";
        scim().request().queryParam("startIndex", 1).queryParam("count", 2).get("/scim/v2/Users").then()
                .statusCode(200).body("startIndex", equalTo(1)).body("itemsPerPage", org.hamcrest.Matchers.lessThanOrEqualTo(2));
        scim().request().queryParam("filter", "userName eq \"" + userName + "\"").queryParam("startIndex", 1)
                .queryParam("count", 100).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(0));
        String id = scim().request().body("""
                {"schemas":["%s"],"userName":"%s","name":{"givenName":"Olga","familyName":"Kta"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Olga Kta","locale":"en-US",
                 "externalId":"00u%s","groups":[],"active":true}""".formatted(Scim.USER, userName, userName, tag))
                .post("/scim/v2/Users").then().log().ifValidationFails().statusCode(201)
                .body("active", equalTo(true)).extract().path("id");

        // a profile change: the whole user, id and active included
        scim().request().body("""
                {"schemas":["%s"],"id":"%s","userName":"%s","name":{"givenName":"Olga","familyName":"Okta"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Olga Okta","locale":"en-US",
                 "externalId":"00u%s","groups":[],"active":true,"meta":{"resourceType":"User"}}"""
                .formatted(Scim.USER, id, userName, userName, tag))
                .put("/scim/v2/Users/" + id).then().log().ifValidationFails().statusCode(200)
                .body("name.familyName", equalTo("Okta")).body("displayName", equalTo("Olga Okta"))
                .body("active", equalTo(true));

        // deactivation and reactivation: a path-less replace of active
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"value\":{\"active\":false}}]")
                .then().log().ifValidationFails().statusCode(200).body("active", equalTo(false));
        scim().request().get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"value\":{\"active\":true}}]")
                .then().statusCode(200).body("active", equalTo(true));

        // a PUT that leaves active out does not re-enable or disable anyone
        scim().patch("/scim/v2/Users/" + id, "[{\"op\":\"replace\",\"value\":{\"active\":false}}]")
                .then().statusCode(200);
        scim().request().body("""
                {"schemas":["%s"],"id":"%s","userName":"%s","name":{"givenName":"Olga","familyName":"Okta"}}"""
                .formatted(Scim.USER, id, userName)).put("/scim/v2/Users/" + id).then().statusCode(200)
                .body("active", equalTo(false));
    }

    @Test
    void oktaGroupPush() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String userId = scim().createUser("okta-member-" + tag + "@example.com");
        String groupId = scim().request().body("""
                {"schemas":["%s"],"displayName":"Okta %s","members":[]}""".formatted(Scim.GROUP, tag))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        scim().request().queryParam("excludedAttributes", "members").queryParam("startIndex", 1)
                .queryParam("count", 100).get("/scim/v2/Groups").then().statusCode(200)
                .body("Resources.find { it.id == '" + groupId + "' }.displayName", equalTo("Okta " + tag))
                .body("Resources.find { it.id == '" + groupId + "' }.members", nullValue());

        scim().patch("/scim/v2/Groups/" + groupId, """
                [{"op":"add","path":"members","value":[{"value":"%s","display":"okta-member-%s@example.com"}]}]"""
                .formatted(userId, tag)).then().log().ifValidationFails().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + groupId).then().statusCode(200).body("members", hasSize(1))
                .body("members[0].value", equalTo(userId));

        scim().patch("/scim/v2/Groups/" + groupId, """
                [{"op":"replace","value":{"id":"%s","displayName":"Okta renamed %s"}}]""".formatted(groupId, tag))
                .then().log().ifValidationFails().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + groupId).then().statusCode(200)
                .body("displayName", equalTo("Okta renamed " + tag)).body("id", equalTo(groupId));

        scim().patch("/scim/v2/Groups/" + groupId, """
                [{"op":"remove","path":"members[value eq \\"%s\\"]"}]""".formatted(userId))
                .then().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + groupId).then().statusCode(200)
                .body("members", org.hamcrest.Matchers.anyOf(nullValue(), hasSize(0)));

        scim().request().delete("/scim/v2/Groups/" + groupId).then().statusCode(204);
        scim().request().get("/scim/v2/Groups/" + groupId).then().statusCode(404);
    }
}
