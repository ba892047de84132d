package io.scimserver.auth;

import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link BearerAuthFilter} before any resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The authenticated caller, or empty on a path that needs none (login, organisation creation, health). */
    public java.util.Optional<Caller> find() {
        return java.util.Optional.ofNullable(caller);
    }

    /** The authenticated caller; a resource reached without one is a wiring bug, answered 401 all the same. */
    public Caller get() {
        if (caller == null) {
            throw ScimException.unauthorized("authentication required: send Authorization: Bearer <token>");
        }
        return caller;
    }
}
