package io.scimserver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real third-party SCIM client, the UnboundID/Ping SCIM 2 SDK, creating, querying, patching and deleting users and
 * groups against the running server over HTTP.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class UnboundIdClientTest {

    @TestHTTPResource("/scim/v2")
    URL base;

    private UnboundIdClients sdk;

    private ScimService scim() {
        sdk = UnboundIdClients.open(base, TestClient.orgOf(getClass()).adminToken());
        return sdk.scim();
    }

    @AfterEach
    void close() {
        if (sdk != null) {
            sdk.close();
        }
    }

    @Test
    void usersLifeCycle() throws ScimException {
        ScimService scim = scim();
        String userName = "sdk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UserResource user = new UserResource().setUserName(userName)
                .setName(new Name().setGivenName("Sam").setFamilyName("Dekay"))
                .setEmails(List.of(new Email().setValue(userName).setType("work").setPrimary(true)))
                .setActive(true);
        UserResource created = scim.create("Users", user);
        assertNotNull(created.getId());
        assertEquals(userName, created.getUserName());
        assertNotNull(created.getMeta().getLocation());

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.eq("userName", userName).toString()).invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());

        UserResource patched = scim.modifyRequest("Users", created.getId())
                .replaceValue("displayName", "Sam Dekay").replaceValue("active", false).invoke(UserResource.class);
        assertEquals("Sam Dekay", patched.getDisplayName());
        assertFalse(patched.getActive());

        patched.setNickName("sammy");
        UserResource replaced = scim.replace(patched);
        assertEquals("sammy", replaced.getNickName());

        scim.delete("Users", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
    }

    @Test
    void groupsLifeCycle() throws ScimException {
        ScimService scim = scim();
        UserResource member = scim.create("Users",
                new UserResource().setUserName("sdk-member-" + UUID.randomUUID() + "@example.com"));
        String name = "sdk-group-" + UUID.randomUUID().toString().substring(0, 8);
        GroupResource group = scim.create("Groups", new GroupResource().setDisplayName(name));
        assertNotNull(group.getId());

        scim.modifyRequest("Groups", group.getId())
                .addValues("members", List.of(new Member().setValue(member.getId())))
                .invoke(GroupResource.class);
        GroupResource read = scim.retrieve("Groups", group.getId(), GroupResource.class);
        assertEquals(1, read.getMembers().size());
        assertEquals(member.getId(), read.getMembers().get(0).getValue());

        ListResponse<GroupResource> found = scim.searchRequest("Groups")
                .filter(Filter.eq("displayName", name).toString()).excludedAttributes("members")
                .invoke(GroupResource.class);
        assertEquals(1, found.getTotalResults());
        assertTrue(found.getResources().get(0).getMembers() == null
                || found.getResources().get(0).getMembers().isEmpty());

        scim.delete("Groups", group.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Groups", group.getId(), GroupResource.class));
        assertNotNull(scim.retrieve("Users", member.getId(), UserResource.class));
    }

    @Test
    void discovery() throws ScimException {
        ScimService scim = scim();
        assertTrue(scim.getServiceProviderConfig().getPatch().isSupported());
        assertEquals(3, scim.getSchemas().getTotalResults());
        assertEquals(2, scim.getResourceTypes().getTotalResults());
    }
}
