package io.scimserver.scim.patch.quirks;

import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import java.util.Locale;

/**
 * Entra ID quirk: without {@code ?aadOptscim062020} (and always in provision-on-demand) Entra capitalises the
 * operation name, {@code "Replace"}, {@code "Add"}, {@code "Remove"}; RFC 7644 §3.5.2 spells them in lower case.
 * Names are read in any case. An unknown name is {@code 400 invalidSyntax}.
 */
public final class OpNameCase {

    private OpNameCase() {
    }

    public static Op parse(String name, int index) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "add" -> Op.ADD;
            case "replace" -> Op.REPLACE;
            case "remove" -> Op.REMOVE;
            default -> throw ScimException.invalidSyntax("operation " + index + " has op \"" + name
                    + "\"; expected add, replace or remove");
        };
    }
}
