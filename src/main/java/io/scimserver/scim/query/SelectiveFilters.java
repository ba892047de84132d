package io.scimserver.scim.query;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.CompareOp;
import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.Literal;
import io.scimserver.scim.filter.sql.ScimTable;
import io.scimserver.scim.schema.SchemaRegistry;

/**
 * Filters that a unique index answers with at most one row per organisation: {@code userName eq "…"} (unique among
 * live users, case-insensitively), a Group's {@code displayName eq "…"}, {@code id eq "…"}, and any {@code and} with
 * one of them. Entra sends one before every create.
 *
 * <p>Such a page is read in two steps (the filter's rows, then their order), so that PostgreSQL looks the row up by its
 * unique index. Given the page's {@code order by created, id limit n} in one step, it may walk the organisation's rows
 * in creation order instead, testing each: cheap when it believes the organisation small, which it does for every
 * organisation whose users arrived after the table's last ANALYZE, such as a tenant's first Entra cycle (BENCHMARKS.md,
 * round 2: one probe read all 10,000 users of the cycle).
 */
final class SelectiveFilters {

    private SelectiveFilters() {
    }

    static boolean atMostOneRow(ScimTable table, Filter filter) {
        return switch (filter) {
            case Filter.And and -> atMostOneRow(table, and.left()) || atMostOneRow(table, and.right());
            case Filter.Compare c -> c.op() == CompareOp.EQ && c.value() instanceof Literal.Str
                    && isUniqueAttribute(table, c.attr());
            default -> false;
        };
    }

    private static boolean isUniqueAttribute(ScimTable table, AttrPath attr) {
        if (attr.subAttr() != null) {
            return false;
        }
        String core = table == ScimTable.USERS ? SchemaRegistry.USER_SCHEMA : SchemaRegistry.GROUP_SCHEMA;
        if (attr.schemaUrn() != null && !attr.schemaUrn().equalsIgnoreCase(core)) {
            return false;
        }
        String unique = table == ScimTable.USERS ? "userName" : "displayName";
        return attr.name().equalsIgnoreCase("id") || attr.name().equalsIgnoreCase(unique);
    }
}
