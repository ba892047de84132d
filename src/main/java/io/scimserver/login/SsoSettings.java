package io.scimserver.login;

import io.scimserver.audit.Audit;
import io.scimserver.config.ScimConfig;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.web.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sets and reads the identity provider of an organisation. Settings belong to the organisation alone: any number of
 * organisations may trust one issuer (each with its own audience and tenant), so none can claim an issuer another one
 * needs, and nothing here tells whether another organisation trusts it.
 */
@ApplicationScoped
public class SsoSettings {

    static final String DEFAULT_USER_CLAIM = "preferred_username";
    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,100}");

    private final Audit audit;
    private final IssuerKeys issuerKeys;
    private final boolean allowHttp;

    public SsoSettings(Audit audit, IssuerKeys issuerKeys, ScimConfig config) {
        this.audit = audit;
        this.issuerKeys = issuerKeys;
        this.allowHttp = config.sso().allowHttpIssuers();
    }

    /** What an admin sends. Without {@code jwks} and {@code publicKeyPem}, the keys come from the issuer. */
    public record Request(String issuer, String audience, String jwks, String publicKeyPem, String tenantId,
            String userClaim, Boolean trustUnverifiedEmail) {
    }

    /** The identity provider as an admin sees it; the key is shown only as where it comes from. */
    public record Provider(String issuer, String audience, SsoProvider.KeySource keyType, String tenantId,
            String userClaim, boolean trustUnverifiedEmail) {
        static Provider of(SsoProvider p) {
            return new Provider(p.issuer, p.audience, p.keySource(), p.tenantId, p.userClaim, p.trustUnverifiedEmail);
        }
    }

    /** Replaces the organisation's provider; 400 with the reason for settings that could never log anyone in. */
    @Transactional
    public Provider set(UUID orgId, Request r) {
        if (blank(r.issuer()) || blank(r.audience())) {
            throw ScimException.invalidValue("send a non-empty \"issuer\" and \"audience\"");
        }
        if (!blank(r.jwks()) && !blank(r.publicKeyPem())) {
            throw ScimException.invalidValue("send at most one of \"jwks\" (a JWKS document) and \"publicKeyPem\";"
                    + " send neither to use the keys the issuer publishes (its jwks_uri)");
        }
        String issuer = r.issuer().trim();
        URI uri = Issuers.check(issuer, allowHttp);
        String tenant = tenant(uri, r.tenantId());
        String userClaim = blank(r.userClaim()) ? DEFAULT_USER_CLAIM : r.userClaim().trim();
        if (!CLAIM_NAME.matcher(userClaim).matches()) {
            throw ScimException.invalidValue("userClaim is the name of an ID token claim, such as preferred_username");
        }
        String key = blank(r.jwks()) ? null : r.jwks().trim();
        String pem = blank(r.publicKeyPem()) ? null : r.publicKeyPem().trim();
        if (key != null || pem != null) {
            SsoKeys.validate(key, pem);
        } else {
            try {
                issuerKeys.discover(issuer);
            } catch (IssuerKeys.Unavailable e) {
                throw ScimException.invalidValue(issuer + "/.well-known/openid-configuration did not answer with"
                        + " the issuer's OpenID configuration and an https jwks_uri: paste \"jwks\" or \"publicKeyPem\""
                        + " for a provider without discovery");
            }
        }
        SsoProvider provider = SsoProvider.<SsoProvider>findByIdOptional(orgId).orElseGet(() -> {
            SsoProvider p = new SsoProvider();
            p.orgId = orgId;
            return p;
        });
        provider.issuer = issuer;
        provider.audience = r.audience().trim();
        provider.jwks = key;
        provider.publicKeyPem = pem;
        provider.tenantId = tenant;
        provider.userClaim = userClaim;
        provider.trustUnverifiedEmail = Boolean.TRUE.equals(r.trustUnverifiedEmail());
        provider.updated = StoreClock.now();
        provider.persist();
        Provider result = Provider.of(provider);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("issuer", result.issuer());
        summary.put("audience", result.audience());
        summary.put("keyType", result.keyType().name());
        summary.put("tenantId", result.tenantId());
        summary.put("userClaim", result.userClaim());
        summary.put("trustUnverifiedEmail", result.trustUnverifiedEmail());
        audit.record(orgId, "SsoProvider", orgId, "set", summary);
        return result;
    }

    public Optional<Provider> get(UUID orgId) {
        return SsoProvider.<SsoProvider>findByIdOptional(orgId).map(Provider::of);
    }

    /** The tenant tokens must name: the one an Entra issuer names (a different {@code tenantId} is refused), else given. */
    private static String tenant(URI issuer, String given) {
        String tenantId = blank(given) ? null : given.trim();
        Optional<String> entra = Issuers.entraTenant(issuer);
        if (entra.isPresent() && tenantId != null && !entra.get().equalsIgnoreCase(tenantId)) {
            throw ScimException.invalidValue("tenantId \"" + tenantId + "\" is not the tenant the issuer names (\""
                    + entra.get() + "\")");
        }
        return entra.orElse(tenantId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
