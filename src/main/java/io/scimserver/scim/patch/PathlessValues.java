package io.scimserver.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.FilterParseException;
import io.scimserver.scim.filter.FilterParser;
import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.ResourceType;
import io.scimserver.scim.schema.SchemaDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A path-less add or replace carries an object whose keys are attributes (RFC 7644 §3.5.2.1, §3.5.2.3): the
 * interpreter itself expands it into one operation per key, for every client, before any identity-provider quirk
 * runs. Entra
 * with {@code ?aadOptscim062020} folds several changes into one such object whose keys are paths:
 * {@code "name.givenName"}, {@code "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}.
 * Each key is read as a PATCH path, value filter included ({@code "emails[type eq \"work\"].value"}), and becomes
 * its own operation with that path, so Entra's creation of a missing work email applies here as with an explicit
 * path; a key that is an extension URN spreads its object's keys the same way. {@code schemas}, {@code id} and
 * {@code meta} keys are dropped (clients echo them back). A key that is no path is {@code 400 invalidPath}.
 */
public final class PathlessValues {

    private static final Set<String> ECHOED = Set.of("schemas", "id", "meta");

    private PathlessValues() {
    }

    /** {@code op} itself when it has a path (or is a remove), else one operation per key of its value. */
    public static List<PatchOperation> expand(PatchOperation op, ResourceType type) {
        if (op.path() != null || op.op() == Op.REMOVE || op.value() == null || !op.value().isObject()) {
            return List.of(op);
        }
        List<PatchOperation> out = new ArrayList<>();
        op.value().fields().forEachRemaining(field -> {
            Optional<SchemaDef> extension = type.extension(field.getKey());
            if (extension.isPresent() && field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(inner -> {
                    PatchPath p = path(inner.getKey());
                    AttrPath qualified = new AttrPath(extension.get().id(), p.attr().name(), p.attr().subAttr());
                    out.add(single(op, new PatchPath(qualified, p.valueFilter(), p.subAttr()), inner.getValue()));
                });
            } else if (!ECHOED.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                out.add(single(op, path(field.getKey()), field.getValue()));
            }
        });
        return out;
    }

    private static PatchPath path(String key) {
        try {
            return FilterParser.parsePath(key.strip());
        } catch (FilterParseException e) {
            throw ScimException.invalidPath("the key \"" + key + "\" of a path-less operation is not an attribute "
                    + "path: " + e.getMessage());
        }
    }

    private static PatchOperation single(PatchOperation op, PatchPath path, JsonNode value) {
        return new PatchOperation(op.op(), path, value);
    }
}
