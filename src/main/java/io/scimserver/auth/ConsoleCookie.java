package io.scimserver.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * How the admin console ({@code /console}) authenticates: a browser sends no {@code Authorization} header, so every
 * request under {@code /console} carries the session token of {@link SessionTokens} in the HttpOnly cookie {@value
 * #NAME} instead, and only there. The prefix chooses where the credential is read from, never whether one is needed:
 * the console's public paths (its sign-in page and two static files) are in {@link BearerAuthFilter#PUBLIC_PATHS}
 * like every other. A console request without a valid cookie is sent to the sign-in page (303), not answered 401.
 */
public final class ConsoleCookie {

    /** The cookie holding the session token; scoped to {@value #PATH}. */
    public static final String NAME = "scim_console";
    public static final String PATH = "/console";
    public static final String SIGN_IN = "/console/login";

    private ConsoleCookie() {
    }

    /** Whether the (normalised) path belongs to the console, whose credential is the cookie. */
    public static boolean covers(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /** The session token the request's cookie carries, if any. */
    public static Optional<String> token(ContainerRequestContext ctx) {
        Cookie c = ctx.getCookies().get(NAME);
        return c == null || c.getValue() == null || c.getValue().isBlank() ? Optional.empty()
                : Optional.of(c.getValue());
    }

    /**
     * 303 to the sign-in page, with an absolute-path {@code Location} (the browser resolves it against the origin it
     * used: the request's {@code Host} is never read), and the cookie cleared.
     */
    public static Response toSignIn() {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, SIGN_IN)
                .header(HttpHeaders.SET_COOKIE, cleared()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** The {@code Set-Cookie} value that deletes the console cookie. */
    public static String cleared() {
        return NAME + "=; Path=" + PATH + "; Max-Age=0; HttpOnly; SameSite=Strict";
    }
}
