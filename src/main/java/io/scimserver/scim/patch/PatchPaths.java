package io.scimserver.scim.patch;

import io.scimserver.scim.filter.FilterParseException;
import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.protocol.ScimException;

/** Parses a PATCH {@code path}; a malformed path is {@code 400 invalidPath} carrying the parser's message. */
final class PatchPaths {

    private PatchPaths() {
    }

    static PatchPath parse(String path, int index) {
        try {
            return FilterParser.parsePath(path);
        } catch (FilterParseException e) {
            throw ScimException.invalidPath("operation " + index + " has an invalid path \"" + path + "\": "
                    + e.getMessage());
        }
    }
}
