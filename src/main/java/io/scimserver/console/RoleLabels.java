package io.scimserver.console;

import io.scimserver.roles.Role;
import io.scimserver.roles.RoleSource;

/**
 * How the console names a role's source and why it will not change a role's members. The rules themselves are {@code
 * admin.AdminRoles}'s, which refuses these changes whatever the console shows; this only says so before anyone tries.
 */
final class RoleLabels {

    private RoleLabels() {
    }

    static String source(RoleSource source) {
        return switch (source) {
            case PROVISIONED -> "SCIM group";
            case SYSTEM -> "system";
            case LOCAL -> "local";
        };
    }

    /** Why an admin cannot change the role's members here, or null when they can. */
    static String lock(RoleSource source, String name) {
        return switch (source) {
            case PROVISIONED -> "managed by SCIM: change it, or its members, in the identity provider";
            case SYSTEM -> Role.ADMIN.equals(name) ? null : "every user is a member for good";
            case LOCAL -> null;
        };
    }
}
