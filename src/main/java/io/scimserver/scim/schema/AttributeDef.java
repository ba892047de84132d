package io.scimserver.scim.schema;

import java.util.List;
import java.util.Optional;

/**
 * One attribute definition of a SCIM schema (RFC 7643 §7), read from the schema JSON resources. The same
 * definitions drive {@code /Schemas}, validation, PATCH, filtering ({@code caseExact}) and response shaping
 * ({@code returned}).
 */
public record AttributeDef(
        String name,
        Type type,
        boolean multiValued,
        String description,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        Returned returned,
        Uniqueness uniqueness,
        List<String> canonicalValues,
        List<String> referenceTypes,
        List<AttributeDef> subAttributes) {

    public AttributeDef {
        canonicalValues = canonicalValues == null ? List.of() : List.copyOf(canonicalValues);
        referenceTypes = referenceTypes == null ? List.of() : List.copyOf(referenceTypes);
        subAttributes = subAttributes == null ? List.of() : List.copyOf(subAttributes);
    }

    /** The sub-attribute with this name, matched case-insensitively. */
    public Optional<AttributeDef> subAttribute(String subName) {
        return named(subAttributes, subName);
    }

    /** The first of {@code defs} with this name, matched case-insensitively. */
    static Optional<AttributeDef> named(List<AttributeDef> defs, String name) {
        for (AttributeDef def : defs) {
            if (def.name().equalsIgnoreCase(name)) {
                return Optional.of(def);
            }
        }
        return Optional.empty();
    }

    public boolean isComplex() {
        return type == Type.COMPLEX;
    }

    public enum Type {
        STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"), DATE_TIME("dateTime"),
        BINARY("binary"), REFERENCE("reference"), COMPLEX("complex");

        private final String json;

        Type(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public enum Mutability {
        READ_ONLY("readOnly"), READ_WRITE("readWrite"), IMMUTABLE("immutable"), WRITE_ONLY("writeOnly");

        private final String json;

        Mutability(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public enum Returned {
        ALWAYS("always"), NEVER("never"), DEFAULT("default"), REQUEST("request");

        private final String json;

        Returned(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public enum Uniqueness {
        NONE("none"), SERVER("server"), GLOBAL("global");

        private final String json;

        Uniqueness(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }
}
