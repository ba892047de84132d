package io.scimserver.scim.schema;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.schema.AttributeDef.Mutability;
import io.scimserver.scim.schema.AttributeDef.Returned;
import io.scimserver.scim.schema.AttributeDef.Type;
import io.scimserver.scim.schema.AttributeDef.Uniqueness;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The attributes every resource has (RFC 7643 §3.1: {@code id}, {@code externalId}, {@code meta}, and §3
 * {@code schemas}), which the schema resources do not list. {@link #resolve} tries the resource type's
 * {@link AttributeLookup} first, then these.
 */
public final class CommonAttributes {

    private static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:";

    public static final AttributeDef ID = simple("id", Type.STRING, true, Mutability.READ_ONLY, Returned.ALWAYS);
    public static final AttributeDef SCHEMAS = new AttributeDef("schemas", Type.REFERENCE, true,
            "The schema URNs of the resource.", true, true, Mutability.READ_WRITE, Returned.ALWAYS, Uniqueness.NONE,
            null, List.of("uri"), null);
    public static final AttributeDef EXTERNAL_ID = simple("externalId", Type.STRING, true, Mutability.READ_WRITE,
            Returned.DEFAULT);
    public static final AttributeDef META = new AttributeDef("meta", Type.COMPLEX, false, "Resource metadata.",
            false, false, Mutability.READ_ONLY, Returned.DEFAULT, Uniqueness.NONE, null, null, List.of(
                    simple("resourceType", Type.STRING, true, Mutability.READ_ONLY, Returned.DEFAULT),
                    simple("created", Type.DATE_TIME, false, Mutability.READ_ONLY, Returned.DEFAULT),
                    simple("lastModified", Type.DATE_TIME, false, Mutability.READ_ONLY, Returned.DEFAULT),
                    simple("location", Type.REFERENCE, true, Mutability.READ_ONLY, Returned.DEFAULT),
                    simple("version", Type.STRING, true, Mutability.READ_ONLY, Returned.DEFAULT)));

    /** A schema-like holder for the common attributes; its id is null because no URN defines them. */
    public static final SchemaDef SCHEMA = new SchemaDef(null, "Common",
            "Attributes common to all resources (RFC 7643 §3.1)", List.of(ID, SCHEMAS, EXTERNAL_ID, META));

    private CommonAttributes() {
    }

    /**
     * Resolves {@code path} through {@code lookup}, then against the common attributes when the path carries no URN
     * or a core schema URN.
     */
    public static Optional<ResolvedAttribute> resolve(AttributeLookup lookup, AttrPath path) {
        Optional<ResolvedAttribute> resolved = lookup.resolve(path);
        if (resolved.isPresent()) {
            return resolved;
        }
        boolean coreOrNone = path.schemaUrn() == null
                || path.schemaUrn().toLowerCase(Locale.ROOT).startsWith(CORE_PREFIX);
        if (!coreOrNone) {
            return Optional.empty();
        }
        return SCHEMA.attribute(path.name()).flatMap(attr -> {
            if (path.subAttr() == null) {
                return Optional.of(new ResolvedAttribute(SCHEMA, attr, null));
            }
            return attr.subAttribute(path.subAttr()).map(sub -> new ResolvedAttribute(SCHEMA, attr, sub));
        });
    }

    /** True when {@code schema} is a core schema of RFC 7643 or the common attributes, not an extension. */
    public static boolean isCore(SchemaDef schema) {
        return schema.id() == null || schema.id().toLowerCase(Locale.ROOT).startsWith(CORE_PREFIX);
    }

    private static AttributeDef simple(String name, Type type, boolean caseExact, Mutability mutability,
            Returned returned) {
        return new AttributeDef(name, type, false, null, false, caseExact, mutability, returned, Uniqueness.NONE,
                null, null, null);
    }
}
