package io.scimserver.scim.schema;

import io.scimserver.scim.filter.AttrPath;
import java.util.Optional;

/**
 * Resolves attribute paths, case-insensitively, against one resource type's core schema and extensions. A path
 * without a URN resolves against the core schema first, then the extensions; a URN-qualified path only against the
 * schema it names.
 */
public interface AttributeLookup {

    Optional<ResolvedAttribute> resolve(AttrPath path);
}
