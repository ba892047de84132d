package io.scimserver.users;

import io.scimserver.roles.Memberships.GroupOfUser;
import java.util.List;

/**
 * A provisioned user as SCIM shows it: its row (an unmanaged copy, {@link ScimUserRows}) and its SCIM groups, read
 * with it in one statement.
 */
public record StoredUser(User user, List<GroupOfUser> groups) {
}
