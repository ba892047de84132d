package io.scimserver.scim.patch.quirks;

import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.schema.ResourceType;
import java.util.List;

/** The identity-provider quirks the interpreter runs, in order, and helpers they share. */
public final class Quirks {

    private Quirks() {
    }

    /**
     * Entra ID (with and without {@code ?aadOptscim062020}). They run after the interpreter has expanded path-less
     * operations ({@code PathlessValues}), so each sees one attribute per operation.
     */
    public static final List<PatchQuirk> ENTRA = List.of(
            new EntraMemberRemoval(),
            new EmptyManagerRemoval(),
            new ManagerShape());

    /** True when {@code path} names the attribute {@code name} as a whole: no sub-attribute, no filter. */
    static boolean isWhole(PatchPath path, ResourceType type, String name) {
        return path != null && path.valueFilter() == null && path.attr().subAttr() == null && names(path, type, name);
    }

    static boolean names(PatchPath path, ResourceType type, String name) {
        return path != null && type.resolve(path.attr().withSubAttr(null))
                .filter(r -> r.attribute().name().equals(name)).isPresent();
    }
}
