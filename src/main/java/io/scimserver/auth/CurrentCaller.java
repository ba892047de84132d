package io.scimserver.auth;

import io.scimserver.scim.protocol.ScimException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The caller of the current request, established by {@link Authenticator}: in {@link BearerAuthFilter} before the
 * resource method runs, or, for methods marked {@link AuthenticatedInMethod}, as the first step of the method (in its
 * transaction when it has one), from the credential the filter deferred.
 */
@RequestScoped
public class CurrentCaller {

    /** A bearer token checked for shape only, waiting for the first step of the resource method. */
    record Deferred(String bearer, boolean scim) {
    }

    private Caller caller;
    private Deferred deferred;

    void set(Caller caller) {
        this.caller = caller;
    }

    void defer(Deferred credential) {
        this.deferred = credential;
    }

    Deferred takeDeferred() {
        Deferred d = deferred;
        deferred = null;
        return d;
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
