package io.scimserver.scim.patch;

import java.util.Set;

/**
 * What a PATCH does to a group's members, for the caller to run as set operations in SQL, in this order: if
 * {@code clearAll}, delete every membership of the group; delete {@code remove}; insert {@code add} (ignoring ids
 * already present). {@code add} and {@code remove} never share an id.
 */
public record MembershipChange(Set<String> add, Set<String> remove, boolean clearAll) {

    public static final MembershipChange NONE = new MembershipChange(Set.of(), Set.of(), false);

    public MembershipChange {
        add = Set.copyOf(add);
        remove = Set.copyOf(remove);
    }

    public boolean isEmpty() {
        return add.isEmpty() && remove.isEmpty() && !clearAll;
    }
}
