package io.scimserver.login;

import io.scimserver.scim.protocol.ScimException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an issuer URL admits. An organisation trusts one tenant of its identity provider, never a multi-tenant
 * endpoint ({@code /common}, {@code /organizations}, {@code /consumers}, or a {@code {tenantid}} template): with one of
 * those, any tenant's users could sign in. For Microsoft Entra the tenant is the issuer's first path segment, and an
 * ID token's {@code tid} must name it.
 */
final class Issuers {

    private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");
    private static final Set<String> ENTRA_HOSTS = Set.of("login.microsoftonline.com", "sts.windows.net",
            "login.microsoftonline.us", "login.partner.microsoftonline.cn");

    private Issuers() {
    }

    /** The issuer as a URL; 400 for one that is not absolute https (or http when allowed) or is multi-tenant. */
    static URI check(String issuer, boolean allowHttp) {
        URI uri = httpsUrl(issuer, allowHttp).orElseThrow(() -> ScimException.invalidValue("issuer must be the"
                + " \"iss\" of your identity provider's ID tokens, an https URL without query or fragment, such as"
                + " https://login.microsoftonline.com/<tenant id>/v2.0"));
        String first = firstSegment(uri);
        if (MULTI_TENANT.contains(first.toLowerCase(Locale.ROOT)) || issuer.contains("{")) {
            throw ScimException.invalidValue("issuer \"" + issuer + "\" is a multi-tenant endpoint: any tenant's"
                    + " users could sign in. Use your tenant's issuer, https://login.microsoftonline.com/<tenant id>/v2.0");
        }
        return uri;
    }

    /** The URL, if it is an absolute https URL (or http when allowed) with a host and no query or fragment. */
    static Optional<URI> httpsUrl(String url, boolean allowHttp) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("https") || allowHttp && scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            return ok ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The Entra tenant an issuer names, if it is an Entra issuer. */
    static Optional<String> entraTenant(URI issuer) {
        String host = issuer.getHost().toLowerCase(Locale.ROOT);
        String first = firstSegment(issuer);
        return ENTRA_HOSTS.contains(host) && !first.isEmpty() ? Optional.of(first) : Optional.empty();
    }

    private static String firstSegment(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }
}
