package io.scimserver.scim.filter.sql;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.sql.Target.Column;
import io.scimserver.scim.filter.sql.Target.ColumnKind;
import io.scimserver.scim.filter.sql.Target.Json;
import io.scimserver.scim.filter.sql.Target.Many;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.AttributeDef.Returned;
import io.scimserver.scim.schema.AttributeLookup;
import io.scimserver.scim.schema.CommonAttributes;
import io.scimserver.scim.schema.ResolvedAttribute;
import java.util.List;
import java.util.Locale;

/**
 * The whitelist from SCIM attribute paths to storage. Columns for what the tables hold ({@code id},
 * {@code userName}, {@code meta.*}...), memberships for {@code groups}/{@code members}, and jsonb extraction from
 * {@code attributes} under the canonical names of the schema for everything else.
 */
final class TargetResolver {

    private static final String ARRAY_ELEMENTS = "FROM jsonb_array_elements(CASE WHEN jsonb_typeof(%1$s) = 'array' "
            + "THEN %1$s ELSE '[]'::jsonb END) AS %2$s(v)";

    /** What {@code members.display} shows (roles.Memberships): the display name, else the user name. */
    private static final String MEMBER_DISPLAY = "coalesce(mu.display_name, mu.user_name)";

    private final ScimTable table;
    private final AttributeLookup lookup;
    private int elementAliases;

    TargetResolver(ScimTable table, AttributeLookup lookup) {
        this.table = table;
        this.lookup = lookup;
    }

    /** Starts numbering the jsonb element aliases again, so the same filter always gives the same SQL. */
    void resetAliases() {
        elementAliases = 0;
    }

    Target resolve(Scope scope, AttrPath path) {
        return switch (scope) {
            case Scope.Root root -> atRoot(path);
            case Scope.JsonElement element -> inElement(element, path);
            case Scope.UserGroup group -> inMembership(group.attr(), path, "g.id", "g.name", false);
            case Scope.GroupMember member -> inMembership(member.attr(), path, "m.user_id", MEMBER_DISPLAY, true);
        };
    }

    private Target atRoot(AttrPath path) {
        ResolvedAttribute resolved = CommonAttributes.resolve(lookup, path).orElseThrow(() ->
                ScimException.invalidFilter("unknown attribute \"" + path + "\" in filter"));
        if (resolved.attribute() == CommonAttributes.SCHEMAS) {
            throw ScimException.invalidFilter("filtering on \"schemas\" is not supported: every " + table.resourceType()
                    + " has its core schema; to find resources using an extension, filter on one of its attributes, "
                    + "such as urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr");
        }
        refuseNeverReturned(resolved.attribute(), path);
        if (resolved.sub() != null) {
            refuseNeverReturned(resolved.sub(), path);
        }
        if (CommonAttributes.isCore(resolved.schema())) {
            Target column = table == ScimTable.USERS ? userColumn(resolved) : groupColumn(resolved);
            if (column != null) {
                return column;
            }
        }
        return json(resolved);
    }

    private Target userColumn(ResolvedAttribute r) {
        AttributeDef a = r.attribute();
        return switch (a.name().toLowerCase(Locale.ROOT)) {
            case "id" -> new Column("u.id", a, ColumnKind.UUID, false);
            case "username" -> new Column("u.user_name", a, ColumnKind.TEXT, false);
            case "externalid" -> new Column("u.external_id", a, ColumnKind.TEXT, true);
            case "displayname" -> new Column("u.display_name", a, ColumnKind.TEXT, true);
            case "active" -> new Column("u.active", a, ColumnKind.BOOLEAN, false);
            case "meta" -> meta(r);
            case "groups" -> new Many("FROM memberships m JOIN roles g ON g.id = m.role_id AND g.source = 'PROVISIONED'",
                    "m.user_id = u.id", new Scope.UserGroup(a), a, r.sub());
            default -> null;
        };
    }

    private Target groupColumn(ResolvedAttribute r) {
        AttributeDef a = r.attribute();
        return switch (a.name().toLowerCase(Locale.ROOT)) {
            case "id" -> new Column("r.id", a, ColumnKind.UUID, false);
            case "displayname" -> new Column("r.name", a, ColumnKind.TEXT, false);
            case "externalid" -> new Column("r.external_id", a, ColumnKind.TEXT, true);
            case "meta" -> meta(r);
            case "members" -> new Many("FROM memberships m LEFT JOIN users mu ON mu.id = m.user_id",
                    "m.role_id = r.id", new Scope.GroupMember(a), a, r.sub());
            default -> null;
        };
    }

    private Column meta(ResolvedAttribute r) {
        String alias = table.alias();
        AttributeDef sub = r.sub();
        if (sub == null) {
            throw ScimException.invalidFilter("filter on \"meta\" needs a sub-attribute such as meta.lastModified");
        }
        return switch (sub.name().toLowerCase(Locale.ROOT)) {
            case "created" -> new Column(alias + ".created", sub, ColumnKind.TIMESTAMP, false);
            case "lastmodified" -> new Column(alias + ".last_modified", sub, ColumnKind.TIMESTAMP, false);
            case "version" -> new Column(alias + ".version", sub, ColumnKind.VERSION, false);
            case "resourcetype" -> Column.constant(table.resourceType(), sub);
            default -> throw ScimException.invalidFilter("filtering on meta." + sub.name() + " is not supported");
        };
    }

    private Target json(ResolvedAttribute r) {
        AttributeDef a = r.attribute();
        Json top = CommonAttributes.isCore(r.schema())
                ? new Json(table.alias() + ".attributes", List.of(a.name()), a)
                : new Json(table.alias() + ".attributes", List.of(r.schema().id(), a.name()), a);
        if (a.multiValued()) {
            String alias = "e" + (++elementAliases);
            return new Many(ARRAY_ELEMENTS.formatted(top.json(), alias), null,
                    new Scope.JsonElement(alias + ".v", a), a, r.sub());
        }
        return r.sub() == null ? top : top.with(r.sub().name(), r.sub());
    }

    /** A path inside brackets or the sub-attribute of a multi-valued path: relative to one element. */
    private Target inElement(Scope.JsonElement element, AttrPath path) {
        AttributeDef attr = element.attr();
        String name = relativeName(attr, path);
        if (!attr.isComplex()) {
            if (!name.equalsIgnoreCase("value")) {
                throw ScimException.invalidFilter("\"" + attr.name() + "\" holds simple values: only \"value\" can "
                        + "be filtered inside it, not \"" + name + "\"");
            }
            AttributeDef single = new AttributeDef(attr.name(), attr.type(), false, null, false, attr.caseExact(),
                    attr.mutability(), attr.returned(), attr.uniqueness(), null, null, null);
            return new Json(element.json(), List.of(), single);
        }
        AttributeDef sub = attr.subAttribute(name).orElseThrow(() -> ScimException.invalidFilter(
                "unknown sub-attribute \"" + name + "\" of \"" + attr.name() + "\" in filter"));
        refuseNeverReturned(sub, path);
        return new Json(element.json(), List.of(sub.name()), sub);
    }

    private Target inMembership(AttributeDef attr, AttrPath path, String idColumn, String displayColumn,
            boolean displayNullable) {
        String name = relativeName(attr, path);
        AttributeDef sub = attr.subAttribute(name).orElseGet(() -> stringDef(name, true));
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "value" -> new Column(idColumn, sub, ColumnKind.UUID, false);
            case "display" -> new Column(displayColumn, sub, ColumnKind.TEXT, displayNullable);
            default -> throw ScimException.invalidFilter("filtering on " + attr.name() + "." + name
                    + " is not supported: use " + attr.name() + ".value or " + attr.name() + ".display");
        };
    }

    private static String relativeName(AttributeDef attr, AttrPath path) {
        if (path.schemaUrn() != null || path.subAttr() != null) {
            throw ScimException.invalidFilter("\"" + path + "\" inside \"" + attr.name()
                    + "[...]\" must be a sub-attribute name such as \"value\" or \"type\"");
        }
        return path.name();
    }

    private static void refuseNeverReturned(AttributeDef def, AttrPath path) {
        if (def.returned() == Returned.NEVER) {
            throw ScimException.invalidFilter("\"" + path + "\" is never returned and cannot be used in a filter");
        }
    }

    private static AttributeDef stringDef(String name, boolean caseExact) {
        return new AttributeDef(name, AttributeDef.Type.STRING, false, null, false, caseExact,
                AttributeDef.Mutability.READ_ONLY, Returned.DEFAULT, AttributeDef.Uniqueness.NONE, null, null, null);
    }
}
