package io.scimserver.scim.schema;

/**
 * An attribute path resolved against a resource type's schemas.
 *
 * @param schema the schema that defines the attribute (the core schema or an extension)
 * @param attribute the top-level attribute ({@code emails}, {@code name}, {@code manager})
 * @param sub the sub-attribute ({@code value}, {@code familyName}), or null when the path names no sub-attribute
 */
public record ResolvedAttribute(SchemaDef schema, AttributeDef attribute, AttributeDef sub) {

    /** The definition the path ends at: the sub-attribute when there is one, else the attribute. */
    public AttributeDef leaf() {
        return sub != null ? sub : attribute;
    }
}
