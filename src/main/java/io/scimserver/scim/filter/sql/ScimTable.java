package io.scimserver.scim.filter.sql;

/** The resource types a filter can run against, with the alias their table has in the query. */
public enum ScimTable {
    /** {@code users u}. */
    USERS("u", "User"),
    /** {@code roles r}: SCIM groups are roles. */
    GROUPS("r", "Group");

    private final String alias;
    private final String resourceType;

    ScimTable(String alias, String resourceType) {
        this.alias = alias;
        this.resourceType = resourceType;
    }

    /** The {@code meta.resourceType} of every row. */
    public String resourceType() {
        return resourceType;
    }

    public String alias() {
        return alias;
    }
}
