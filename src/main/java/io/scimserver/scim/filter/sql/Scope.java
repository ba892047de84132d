package io.scimserver.scim.filter.sql;

import io.scimserver.scim.schema.AttributeDef;

/** Where attribute paths resolve: at the resource, or relative to one element of a multi-valued attribute. */
sealed interface Scope {

    /** Paths of the resource itself. */
    record Root() implements Scope {
    }

    /**
     * Inside one jsonb value: an element of a multi-valued attribute or a single-valued complex attribute.
     *
     * @param json the jsonb expression of the element
     * @param attr the attribute whose element this is; its sub-attributes are what paths name here
     */
    record JsonElement(String json, AttributeDef attr) implements Scope {
    }

    /** One membership of a user: {@code g} is the provisioned role (group) joined to {@code m}. */
    record UserGroup(AttributeDef attr) implements Scope {
    }

    /** One membership of a group: {@code m.user_id} and the member {@code mu}. */
    record GroupMember(AttributeDef attr) implements Scope {
    }
}
