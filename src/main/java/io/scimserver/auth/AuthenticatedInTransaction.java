package io.scimserver.auth;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource class or method whose methods are {@code @Transactional}: its caller is authenticated inside that
 * transaction ({@link InTransactionAuthentication}), on the request's one connection and in its one commit, instead of
 * by {@link BearerAuthFilter} in a transaction of its own before it. The filter still refuses a missing or malformed
 * header before the method is reached, and skips only the methods that carry this annotation, which is also what
 * binds the interceptor: a method cannot be skipped by the filter without being authenticated by the interceptor.
 */
@InterceptorBinding
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface AuthenticatedInTransaction {
}
