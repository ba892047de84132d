package io.scimserver.scim.schema;

import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.schema.AttributeDef.Mutability;
import io.scimserver.scim.schema.AttributeDef.Returned;
import io.scimserver.scim.schema.AttributeDef.Type;
import io.scimserver.scim.schema.AttributeDef.Uniqueness;
import java.util.List;
import java.util.Optional;

/** A hand-built subset of the RFC 7643 User, EnterpriseUser and Group schemas, plus a test extension. */
public final class TestSchemas {

    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String TEST_EXT = "urn:example:params:scim:schemas:extension:test:2.0:User";

    public static final SchemaDef USER = new SchemaDef(CORE_USER, "User", null, List.of(
            str("userName", false, Returned.DEFAULT),
            complex("name", false, Returned.DEFAULT, str("formatted", false, Returned.DEFAULT),
                    str("familyName", false, Returned.DEFAULT), str("givenName", false, Returned.DEFAULT)),
            str("displayName", false, Returned.DEFAULT),
            str("nickName", false, Returned.DEFAULT),
            str("title", false, Returned.DEFAULT),
            str("userType", false, Returned.DEFAULT),
            bool("active", Returned.DEFAULT),
            str("password", false, Returned.NEVER),
            complex("emails", true, Returned.DEFAULT, str("value", false, Returned.DEFAULT),
                    str("type", false, Returned.DEFAULT), bool("primary", Returned.DEFAULT),
                    str("display", false, Returned.DEFAULT)),
            complex("ims", true, Returned.DEFAULT, str("value", false, Returned.DEFAULT),
                    str("type", false, Returned.DEFAULT)),
            complex("groups", true, Returned.DEFAULT, str("value", true, Returned.DEFAULT),
                    str("display", false, Returned.DEFAULT), str("$ref", true, Returned.DEFAULT),
                    str("type", false, Returned.DEFAULT)),
            complex("x509Certificates", true, Returned.DEFAULT, str("value", true, Returned.DEFAULT)),
            new AttributeDef("tags", Type.STRING, true, null, false, false, Mutability.READ_WRITE, Returned.DEFAULT,
                    Uniqueness.NONE, null, null, null)));

    public static final SchemaDef ENTERPRISE_USER = new SchemaDef(ENTERPRISE, "EnterpriseUser", null, List.of(
            str("employeeNumber", false, Returned.DEFAULT),
            str("department", false, Returned.DEFAULT),
            complex("manager", false, Returned.DEFAULT, str("value", true, Returned.DEFAULT),
                    str("$ref", true, Returned.DEFAULT), str("displayName", false, Returned.DEFAULT))));

    public static final SchemaDef TEST_EXTENSION = new SchemaDef(TEST_EXT, "Test", null, List.of(
            simple("level", Type.INTEGER, Returned.DEFAULT),
            complex("scores", true, Returned.DEFAULT, simple("value", Type.INTEGER, Returned.DEFAULT),
                    str("type", false, Returned.DEFAULT)),
            simple("hired", Type.DATE_TIME, Returned.DEFAULT),
            simple("secretQuestion", Type.STRING, Returned.REQUEST)));

    public static final SchemaDef GROUP = new SchemaDef(CORE_GROUP, "Group", null, List.of(
            str("displayName", false, Returned.DEFAULT),
            complex("members", true, Returned.DEFAULT, str("value", true, Returned.DEFAULT),
                    str("display", false, Returned.DEFAULT), str("$ref", true, Returned.DEFAULT),
                    str("type", false, Returned.DEFAULT))));

    public static final AttributeLookup USERS = lookup(USER, ENTERPRISE_USER, TEST_EXTENSION);
    public static final AttributeLookup GROUPS = lookup(GROUP);

    private TestSchemas() {
    }

    /** Resolution as the contract says: URN-qualified only in that schema; otherwise the core first, then extensions. */
    public static AttributeLookup lookup(SchemaDef... schemas) {
        return path -> {
            for (SchemaDef schema : schemas) {
                if (path.schemaUrn() != null && !path.schemaUrn().equalsIgnoreCase(schema.id())) {
                    continue;
                }
                Optional<ResolvedAttribute> found = resolveIn(schema, path);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }

    private static Optional<ResolvedAttribute> resolveIn(SchemaDef schema, AttrPath path) {
        return schema.attribute(path.name()).flatMap(attr -> path.subAttr() == null
                ? Optional.of(new ResolvedAttribute(schema, attr, null))
                : attr.subAttribute(path.subAttr()).map(sub -> new ResolvedAttribute(schema, attr, sub)));
    }

    static AttributeDef str(String name, boolean caseExact, Returned returned) {
        return new AttributeDef(name, Type.STRING, false, null, false, caseExact, Mutability.READ_WRITE, returned,
                Uniqueness.NONE, null, null, null);
    }

    static AttributeDef bool(String name, Returned returned) {
        return simple(name, Type.BOOLEAN, returned);
    }

    static AttributeDef simple(String name, Type type, Returned returned) {
        return new AttributeDef(name, type, false, null, false, false, Mutability.READ_WRITE, returned,
                Uniqueness.NONE, null, null, null);
    }

    static AttributeDef complex(String name, boolean multi, Returned returned, AttributeDef... subs) {
        return new AttributeDef(name, Type.COMPLEX, multi, null, false, false, Mutability.READ_WRITE, returned,
                Uniqueness.NONE, null, null, List.of(subs));
    }
}
