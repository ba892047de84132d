package io.scimserver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.types.UserResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.MemberTokens;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The UnboundID/Ping SCIM 2 SDK's {@code /Me} ({@link ScimService#ME_URI}) as a user who is not an admin. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class UnboundIdMeTest {

    @TestHTTPResource("/scim/v2")
    URL base;

    @Test
    void aMemberReadsTheirOwnUserThroughMe() throws ScimException {
        MemberTokens.Member member = MemberTokens.newMember(TestClient.orgOf(getClass()));
        try (UnboundIdClients opened = UnboundIdClients.open(base, member.token())) {
            readsMeAndIsRefusedTheRest(opened.scim(), member);
        }
    }

    private static void readsMeAndIsRefusedTheRest(ScimService scim, MemberTokens.Member member) throws ScimException {
        UserResource me = scim.retrieve(ScimService.ME_URI, UserResource.class);
        assertEquals(member.userId(), me.getId());
        assertEquals(member.userName(), me.getUserName());
        assertTrue(me.getMeta().getLocation().toString().endsWith("/Users/" + member.userId()),
                me.getMeta().getLocation().toString());

        UserResource some = scim.retrieveRequest(ScimService.ME_URI).attributes("userName")
                .invoke(UserResource.class);
        assertEquals(member.userName(), some.getUserName());
        assertNull(some.getEmails());

        ScimException patch = assertThrows(ScimException.class, () -> scim.modifyRequest(ScimService.ME_URI)
                .replaceValue("displayName", "Me myself").invoke(UserResource.class));
        assertEquals(501, patch.getScimError().getStatus());
        assertNotNull(patch.getScimError().getDetail());
        assertEquals(member.userName(), scim.retrieve(ScimService.ME_URI, UserResource.class).getUserName());

        // /Me opens nothing else: the member still cannot read users by id
        assertThrows(ForbiddenException.class, () -> scim.retrieve("Users", member.userId(), UserResource.class));
    }
}
