package io.scimserver.scim.protocol;

/**
 * Weak entity tags from a resource's version counter (RFC 7644 §3.14), and the {@code If-Match} /
 * {@code If-None-Match} checks. A version is bumped by every write that changes the resource.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** Refuses a write whose {@code If-Match} names none of the current version (412); absent header passes. */
    public static void checkIfMatch(String ifMatch, long version) {
        if (ifMatch != null && !ifMatch.isBlank() && !matches(ifMatch, version)) {
            throw ScimException.preconditionFailed("the resource has changed: its version is " + of(version)
                    + ", the request's If-Match is " + ifMatch.trim() + "; read it again and retry");
        }
    }

    /** True when {@code If-None-Match} names the current version, so a GET may answer 304. */
    public static boolean notModified(String ifNoneMatch, long version) {
        return ifNoneMatch != null && !ifNoneMatch.isBlank() && matches(ifNoneMatch, version);
    }

    private static boolean matches(String header, long version) {
        String current = Long.toString(version);
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
