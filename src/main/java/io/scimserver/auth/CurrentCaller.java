package io.scimserver.auth;

import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The caller of the current request, set by {@link BearerAuthFilter} before any resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The authenticated caller; a resource reached without one is a wiring bug, answered 401 all the same. */
    public Caller get() {
        if (caller == null) {
            throw ScimException.unauthorized("authentication required: send Authorization: Bearer <token>");
        }
        return caller;
    }

    /** The authenticated caller, or empty before authentication and on paths that need none (login, health). */
    public Optional<Caller> find() {
        return Optional.ofNullable(caller);
    }
}
