package io.scimserver.scim.patch;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Accumulates member operations in request order into one {@link MembershipChange}. */
final class MembershipChanges {

    private final Set<String> add = new LinkedHashSet<>();
    private final Set<String> remove = new LinkedHashSet<>();
    private boolean clearAll;

    /** Removes one by one: {@code Set.removeAll(List)} calls {@code List.contains} per element, quadratic at 10,000. */
    void add(Collection<String> ids) {
        ids.forEach(remove::remove);
        add.addAll(ids);
    }

    void remove(Collection<String> ids) {
        ids.forEach(add::remove);
        remove.addAll(ids);
    }

    void clearAll() {
        clearAll = true;
        add.clear();
        remove.clear();
    }

    MembershipChange result() {
        return new MembershipChange(add, remove, clearAll);
    }
}
