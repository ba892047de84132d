package io.scimserver.scim.discovery;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The absolute URLs the server writes into responses ({@code Location}, {@code meta.location}, {@code $ref}), never
 * taken from the request's {@code Host} (or {@code X-Forwarded-Host}) header, which a client chooses:
 * {@code scim.http.public-base-url} when set (behind a proxy or ingress, set it); else the address the connection
 * reached ({@code http://10.0.0.5:8080}).
 */
public final class ScimBase {

    private static volatile Optional<String> configured;
    /** The request-scoped bean's client proxy: looked up once, it reaches the current request's routing context. */
    private static volatile CurrentVertxRequest current;

    private ScimBase() {
    }

    /** The SCIM base URL, such as {@code https://scim.example.com/scim/v2}. */
    public static String url(UriInfo uri) {
        return origin(uri) + "/scim/v2";
    }

    /** Scheme, host and port (and any path prefix) clients reach the server at, without a trailing slash. */
    public static String origin(UriInfo uri) {
        if (configured == null) {
            configured = ConfigProvider.getConfig().getOptionalValue("scim.http.public-base-url", String.class)
                    .map(ScimBase::trim);
        }
        if (configured.isPresent()) {
            return configured.get();
        }
        if (current == null) {
            current = Arc.container().instance(CurrentVertxRequest.class).get();
        }
        RoutingContext rc = current.getCurrent();
        SocketAddress local = rc == null ? null : rc.request().localAddress();
        if (local == null || local.host() == null) {
            return "http://localhost";
        }
        String host = local.host().contains(":") ? "[" + local.host() + "]" : local.host();
        return (rc.request().isSSL() ? "https://" : "http://") + host + ":" + local.port();
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
