package io.scimserver.scim.protocol;

import java.util.List;

/**
 * The SCIM endpoint names and their canonical case: the one table by which {@code /scim/v2/users},
 * {@code /SCIM/V2/GROUPS/{id}} or {@code /scim/v2/serviceproviderconfig} reach the endpoints written
 * {@code /scim/v2/Users}, {@code /scim/v2/Groups/{id}} and {@code /scim/v2/ServiceProviderConfig}. Clients built on
 * case-insensitive routers send such paths, and Microsoft's reference server accepts them. The prefix
 * {@code /scim/v2}, the resource segment after it and a {@code .search} after that are matched without regard to
 * case; ids and everything else are left as they are.
 */
public final class EndpointNames {

    /** Where SCIM lives, in its canonical case. */
    public static final String BASE = "/scim/v2";

    /** The resource segments under {@link #BASE}, in their canonical case. */
    static final List<String> RESOURCES = List.of("Users", "Groups", "Me", "Bulk", "ServiceProviderConfig",
            "ResourceTypes", "Schemas");

    private static final String SEARCH = ".search";

    private EndpointNames() {
    }

    /** Whether {@code path} is under {@code /scim}, in any case: SCIM's rules (ADMIN, media type) apply to it. */
    public static boolean isScim(String path) {
        return path != null && (path.equalsIgnoreCase("/scim") || path.regionMatches(true, 0, "/scim/", 0, 6));
    }

    /**
     * {@code path} with the SCIM base, the resource name and {@code .search} in their canonical case, or
     * {@code path} itself when it names no SCIM endpoint ({@code /scim/v2/Users/abc} for {@code /SCIM/v2/users/abc};
     * {@code /api/v1/me} unchanged) or is canonical already (the same instance: every request passes here, and
     * nearly all of them are).
     */
    public static String canonical(String path) {
        if (path == null || !path.regionMatches(true, 0, BASE, 0, BASE.length())
                || path.length() == BASE.length() || path.charAt(BASE.length()) != '/') {
            return path;
        }
        boolean canonicalBase = path.startsWith(BASE);
        int start = BASE.length() + 1;
        int end = segmentEnd(path, start);
        String resource = resource(path, start, end);
        if (resource == null) {
            return canonicalBase ? path : BASE + path.substring(BASE.length());
        }
        int next = segmentEnd(path, end + 1);
        boolean search = next - end - 1 == SEARCH.length()
                && path.regionMatches(true, end + 1, SEARCH, 0, SEARCH.length());
        if (canonicalBase && path.startsWith(resource, start) && (!search || path.startsWith(SEARCH, end + 1))) {
            return path;
        }
        StringBuilder b = new StringBuilder(path.length()).append(BASE).append('/').append(resource);
        return (search ? b.append('/').append(SEARCH).append(path, next, path.length())
                : b.append(path, end, path.length())).toString();
    }

    /** The canonical name of the resource segment {@code path[start, end)}, or null when it names none. */
    private static String resource(String path, int start, int end) {
        for (String r : RESOURCES) {
            if (r.length() == end - start && path.regionMatches(true, start, r, 0, r.length())) {
                return r;
            }
        }
        return null;
    }

    private static int segmentEnd(String path, int from) {
        int slash = path.indexOf('/', Math.min(from, path.length()));
        return slash < 0 ? path.length() : slash;
    }
}
