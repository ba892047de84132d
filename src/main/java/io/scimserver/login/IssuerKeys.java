package io.scimserver.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.config.ScimConfig;
import io.scimserver.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * The signing keys of issuers that publish them, found through their OpenID configuration
 * ({@code <issuer>/.well-known/openid-configuration}, whose {@code issuer} must be the issuer itself, and its
 * {@code jwks_uri}). jose4j's {@link HttpsJwks} caches each key set (for the issuer's {@code Cache-Control}, else
 * {@code scim.sso.key-cache-ttl}) and fetches it again when an ID token names a {@code kid} it does not hold, at most once
 * per {@code scim.sso.key-refetch-interval}: routine key rotation needs nothing from an admin, and tokens with made-up
 * {@code kid}s cannot make the service hammer the issuer. Keys are public and belong to the issuer's URL, so one cache
 * serves every organisation that trusts that issuer. Fetches are bounded: 5 s to connect, 5 s to read, 256 KB.
 */
@ApplicationScoped
public class IssuerKeys {

    private static final int MAX_ISSUERS = 1000;
    private static final int MAX_BYTES = 256 * 1024;
    private static final int TIMEOUT_MILLIS = 5000;

    private final ScimConfig config;
    private final ConcurrentHashMap<String, Discovered> byIssuer = new ConcurrentHashMap<>();
    /** When reading an issuer's OpenID configuration last failed. */
    private final ConcurrentHashMap<String, Instant> failures = new ConcurrentHashMap<>();

    public IssuerKeys(ScimConfig config) {
        this.config = config;
    }

    /** An issuer's key set, and when its OpenID configuration was read. */
    private record Discovered(HttpsJwks keys, Instant read) {
    }

    /** Why an issuer's keys could not be had; the message names the URL and the reason, never a response body. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** What resolves the verification key of an ID token of {@code issuer}, by its {@code kid}. */
    VerificationKeyResolver resolver(String issuer) throws Unavailable {
        Discovered d = byIssuer.get(issuer);
        Duration ttl = config.sso().keyCacheTtl();
        Instant now = Instant.now();
        if (d == null || d.read().plus(ttl).isBefore(now)) {
            Instant failed = failures.get(issuer);
            Duration backOff = config.sso().keyRefetchInterval();
            if (failed != null && failed.plus(backOff).isAfter(now)) {
                if (d == null) {
                    throw new Unavailable("the OpenID configuration of " + issuer + " could not be read "
                            + Duration.between(failed, now).toSeconds() + " s ago; trying again after " + backOff);
                }
                return new HttpsJwksVerificationKeyResolver(d.keys());
            }
            try {
                d = new Discovered(keySet(discover(issuer)), now);
                failures.remove(issuer);
            } catch (Unavailable e) {
                // every login would wait on the unreachable issuer again: remember the failure, try once per interval
                if (failures.size() >= MAX_ISSUERS) {
                    failures.clear();
                }
                failures.put(issuer, now);
                if (d == null) {
                    throw e;
                }
                // keep the key set it named before meanwhile
                return new HttpsJwksVerificationKeyResolver(d.keys());
            }
            if (byIssuer.size() >= MAX_ISSUERS) {
                byIssuer.clear();
            }
            byIssuer.put(issuer, d);
        }
        return new HttpsJwksVerificationKeyResolver(d.keys());
    }

    /** Reads the issuer's OpenID configuration and returns its {@code jwks_uri}; checks that it speaks for the issuer. */
    String discover(String issuer) throws Unavailable {
        String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        JsonNode doc;
        try {
            SimpleResponse r = http().get(url);
            if (r.getStatusCode() != 200) {
                throw new Unavailable(url + " answered " + r.getStatusCode());
            }
            doc = Json.mapper().readTree(r.getBody());
        } catch (IOException | RuntimeException e) {
            throw new Unavailable(url + " could not be read: " + e.getClass().getSimpleName());
        }
        if (doc == null || !issuer.equals(doc.path("issuer").asText(null))) {
            throw new Unavailable(url + " is not the OpenID configuration of " + issuer + " (its issuer differs)");
        }
        String jwksUri = doc.path("jwks_uri").asText("");
        if (Issuers.httpsUrl(jwksUri, config.sso().allowHttpIssuers()).isEmpty()) {
            throw new Unavailable(url + " names no https jwks_uri");
        }
        return jwksUri;
    }

    private HttpsJwks keySet(String jwksUri) {
        HttpsJwks keys = new HttpsJwks(jwksUri);
        keys.setSimpleHttpGet(http());
        keys.setDefaultCacheDuration(config.sso().keyCacheTtl().toSeconds());
        keys.setRefreshReprieveThreshold(config.sso().keyRefetchInterval().toMillis());
        keys.setRetainCacheOnErrorDuration(config.sso().keyCacheTtl().toSeconds());
        return keys;
    }

    private static Get http() {
        Get get = new Get();
        get.setConnectTimeout(TIMEOUT_MILLIS);
        get.setReadTimeout(TIMEOUT_MILLIS);
        get.setResponseBodySizeLimit(MAX_BYTES);
        get.setRetries(0);
        return get;
    }
}
