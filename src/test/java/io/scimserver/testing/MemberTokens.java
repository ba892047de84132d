package io.scimserver.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Credentials of a user who is not an admin: a SCIM-provisioned member of PUBLIC only, with a session and a PAT. */
public final class MemberTokens {

    private MemberTokens() {
    }

    /**
     * @param userId the member's SCIM id
     * @param session a session token from a password login
     * @param token a personal access token the member issued for themselves
     */
    public record Member(String userId, String userName, String session, String token) {
    }

    /** A new user of {@code org}, provisioned through SCIM, who logged in and issued a personal access token. */
    public static Member newMember(TestClient.Org org) {
        String userName = "member-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String userId = new Scim(org).createUser(userName);
        String password = "Plum-Otter-Lantern-" + UUID.randomUUID().toString().substring(0, 4);
        TestClient.setPassword(org, userId, password);
        String session = TestClient.login(org.name(), userName, password, TestClient.newAddress())
                .then().statusCode(200).extract().path("token");
        String token = given().auth().oauth2(session).contentType(ContentType.JSON).body(Map.of("label", "member"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        return new Member(userId, userName, session, token);
    }
}
