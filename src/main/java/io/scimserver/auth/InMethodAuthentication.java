package io.scimserver.auth;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Authenticates the caller that {@link BearerAuthFilter} deferred, as the first step of the method: inside its
 * transaction when it has one (this priority places it after the {@code @Transactional} interceptor, at
 * {@code PLATFORM_BEFORE + 200}).
 */
@AuthenticatedInMethod
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class InMethodAuthentication {

    private final CurrentCaller current;
    private final Authenticator authenticator;

    public InMethodAuthentication(CurrentCaller current, Authenticator authenticator) {
        this.current = current;
        this.authenticator = authenticator;
    }

    @AroundInvoke
    Object authenticate(InvocationContext ctx) throws Exception {
        CurrentCaller.Deferred deferred = current.takeDeferred();
        if (deferred != null) {
            authenticator.authenticate(deferred.bearer(), deferred.scim());
        }
        // without a deferred credential, CurrentCaller.get() answers 401 for a method that needs a caller
        return ctx.proceed();
    }
}
