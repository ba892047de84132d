package io.scimserver.roles;

/** Where a role comes from, which decides who may change it. */
public enum RoleSource {
    /** PUBLIC and ADMIN, which every organisation has. */
    SYSTEM,
    /** Made by an admin of the organisation. */
    LOCAL,
    /** A SCIM group: managed by the identity provider and locked against local edits. */
    PROVISIONED
}
