package io.scimserver.scim.schema;

import io.scimserver.scim.filter.AttrPath;
import java.util.List;
import java.util.Optional;

/**
 * A SCIM resource type (RFC 7643 §6) with its schemas, and the attribute lookup over them. The common attributes
 * ({@code id}, {@code externalId}, {@code meta}) resolve as part of the core schema.
 *
 * @param name the resource type name, {@code User} or {@code Group}
 * @param endpoint the endpoint relative to the base URL, {@code /Users}
 * @param description a human-readable description
 * @param schema the core schema
 * @param extensions the schema extensions, stored under their URN key
 * @param common the common attributes of RFC 7643 §3.1
 */
public record ResourceType(String name, String endpoint, String description, SchemaDef schema,
        List<SchemaDef> extensions, List<AttributeDef> common) implements AttributeLookup {

    public ResourceType {
        extensions = List.copyOf(extensions);
        common = List.copyOf(common);
    }

    @Override
    public Optional<ResolvedAttribute> resolve(AttrPath path) {
        if (path.schemaUrn() != null) {
            if (path.schemaUrn().equalsIgnoreCase(schema.id())) {
                return inCore(path);
            }
            return extension(path.schemaUrn()).flatMap(ext -> in(ext, ext.attribute(path.name()), path));
        }
        Optional<ResolvedAttribute> core = inCore(path);
        if (core.isPresent()) {
            return core;
        }
        for (SchemaDef ext : extensions) {
            Optional<ResolvedAttribute> found = in(ext, ext.attribute(path.name()), path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The extension schema with this URN, matched case-insensitively. */
    public Optional<SchemaDef> extension(String urn) {
        return extensions.stream().filter(e -> e.id().equalsIgnoreCase(urn)).findFirst();
    }

    /** True when the attribute belongs to an extension, so it is stored under the extension's URN key. */
    public boolean isExtension(SchemaDef def) {
        return !def.id().equals(schema.id());
    }

    private Optional<ResolvedAttribute> inCore(AttrPath path) {
        Optional<AttributeDef> attr = schema.attribute(path.name());
        if (attr.isEmpty()) {
            attr = AttributeDef.named(common, path.name());
        }
        return in(schema, attr, path);
    }

    private static Optional<ResolvedAttribute> in(SchemaDef owner, Optional<AttributeDef> attr, AttrPath path) {
        if (attr.isEmpty()) {
            return Optional.empty();
        }
        if (path.subAttr() == null) {
            return Optional.of(new ResolvedAttribute(owner, attr.get(), null));
        }
        return attr.get().subAttribute(path.subAttr()).map(sub -> new ResolvedAttribute(owner, attr.get(), sub));
    }
}
