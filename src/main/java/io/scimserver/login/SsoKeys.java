package io.scimserver.login;

import io.scimserver.scim.protocol.ScimException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;

/**
 * The key material of an identity provider, a JWKS document or a PEM public key (RSA or EC), turned into what
 * SmallRye JWT verifies ID tokens with. Only RS256 and ES256 are accepted; a PEM key admits the one algorithm of
 * its type, so an RSA key can never be made to verify an ES256 token or the reverse.
 */
final class SsoKeys {

    private SsoKeys() {
    }

    /** Refuses (400) key material that does not hold at least one usable public key. */
    static void validate(String jwks, String publicKeyPem) {
        if (publicKeyPem != null) {
            decodePem(publicKeyPem);
            return;
        }
        List<JsonWebKey> keys;
        try {
            keys = KeyUtils.loadJsonWebKeys(jwks);
        } catch (RuntimeException e) {
            keys = null;
        }
        if (keys == null || keys.isEmpty()) {
            throw ScimException.invalidValue("jwks is not a JWKS document with at least one key: send"
                    + " {\"keys\":[{\"kty\":\"RSA\",...}]}");
        }
    }

    /** The verification settings for ID tokens of this provider: issuer, audience, key, RS256/ES256, expiry. */
    static JWTAuthContextInfo context(SsoProvider provider) {
        JWTAuthContextInfo ctx = new JWTAuthContextInfo();
        ctx.setIssuedBy(provider.issuer);
        ctx.setExpectedAudience(Set.of(provider.audience));
        ctx.setRequireNamedPrincipal(false);
        ctx.setRequiredClaims(Set.of("exp"));
        if (provider.publicKeyPem != null) {
            PublicKey key = decodePem(provider.publicKeyPem);
            ctx.setPublicVerificationKey(key);
            ctx.setSignatureAlgorithm(Set.of(key instanceof ECPublicKey ? SignatureAlgorithm.ES256
                    : SignatureAlgorithm.RS256));
        } else {
            ctx.setPublicKeyContent(provider.jwks);
            ctx.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        }
        return ctx;
    }

    static PublicKey decodePem(String pem) {
        for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256)) {
            try {
                return KeyUtils.decodePublicKey(pem, algorithm);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next key type
            }
        }
        throw ScimException.invalidValue("publicKeyPem is not a PEM RSA or EC public key"
                + " (-----BEGIN PUBLIC KEY-----...)");
    }
}
