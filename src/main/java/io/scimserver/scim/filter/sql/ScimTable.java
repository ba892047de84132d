package io.scimserver.scim.filter.sql;

/** The resource types a filter can run against, with the alias their table has in the query. */
public enum ScimTable {
    /** {@code users u}. */
    USERS("u"),
    /** {@code roles r}: SCIM groups are roles. */
    GROUPS("r");

    private final String alias;

    ScimTable(String alias) {
        this.alias = alias;
    }

    public String alias() {
        return alias;
    }
}
