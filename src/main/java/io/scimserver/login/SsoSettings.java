package io.scimserver.login;

import io.scimserver.audit.Audit;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.web.Conflicts;
import io.scimserver.web.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sets and reads the identity provider of an organisation. */
@ApplicationScoped
public class SsoSettings {

    private final Audit audit;

    public SsoSettings(Audit audit) {
        this.audit = audit;
    }

    /** The identity provider as an admin sees it; the key is echoed only as its kind. */
    public record Provider(String issuer, String audience, String keyType) {
        static Provider of(SsoProvider p) {
            return new Provider(p.issuer, p.audience, p.jwks != null ? "JWKS" : "PEM");
        }
    }

    /** Replaces the organisation's provider; 409 when another organisation already trusts this issuer. */
    @Transactional
    public Provider set(UUID orgId, String issuer, String audience, String jwks, String publicKeyPem) {
        if (blank(issuer) || blank(audience)) {
            throw ScimException.invalidValue("send a non-empty \"issuer\" and \"audience\"");
        }
        if (blank(jwks) == blank(publicKeyPem)) {
            throw ScimException.invalidValue("send exactly one of \"jwks\" (a JWKS document) and \"publicKeyPem\"");
        }
        String key = blank(jwks) ? null : jwks.trim();
        String pem = blank(publicKeyPem) ? null : publicKeyPem.trim();
        SsoKeys.validate(key, pem);
        Optional<SsoProvider> other = SsoProvider.findByIssuer(issuer.trim()).filter(p -> !p.orgId.equals(orgId));
        if (other.isPresent()) {
            throw ScimException.conflict("issuer \"" + issuer.trim() + "\" belongs to another organisation");
        }
        SsoProvider provider = SsoProvider.<SsoProvider>findByIdOptional(orgId).orElseGet(() -> {
            SsoProvider p = new SsoProvider();
            p.orgId = orgId;
            return p;
        });
        provider.issuer = issuer.trim();
        provider.audience = audience.trim();
        provider.jwks = key;
        provider.publicKeyPem = pem;
        provider.updated = StoreClock.now();
        Conflicts.persistUnique(provider, "issuer \"" + provider.issuer + "\" belongs to another organisation");
        Provider result = Provider.of(provider);
        audit.record(orgId, "SsoProvider", orgId, "set",
                Map.of("issuer", result.issuer(), "audience", result.audience(), "keyType", result.keyType()));
        return result;
    }

    public Optional<Provider> get(UUID orgId) {
        return SsoProvider.<SsoProvider>findByIdOptional(orgId).map(Provider::of);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
