package io.scimserver.auth;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource class or method: its caller is authenticated as the first step of the method
 * ({@link InMethodAuthentication}) instead of by {@link BearerAuthFilter} before it. A {@code @Transactional} method
 * thus checks the token inside its own transaction, on the request's one connection and in its one commit; a read
 * without a transaction checks it in one autocommit statement, as the filter would. The filter still refuses a
 * missing or malformed header before the method is reached, and skips only the methods that carry this annotation,
 * which is also what binds the interceptor: no method can be skipped by the filter without being authenticated by the
 * interceptor.
 */
@InterceptorBinding
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface AuthenticatedInMethod {
}
