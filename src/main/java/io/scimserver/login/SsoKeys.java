package io.scimserver.login;

import io.scimserver.scim.protocol.ScimException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;

/**
 * Key material an admin pastes for an identity provider without discovery: a JWKS document or a PEM public key (RSA or
 * EC), read with SmallRye JWT's {@link KeyUtils}. Only RS256 and ES256 are accepted; a PEM key admits the one algorithm
 * of its type, so an RSA key can never be made to verify an ES256 token or the reverse.
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

    /** The pasted JWKS document's keys; the document was validated when it was set. */
    static List<JsonWebKey> jwks(String jwks) {
        return KeyUtils.loadJsonWebKeys(jwks);
    }

    /** The one algorithm a PEM key admits: ES256 for an EC key, RS256 for an RSA key. */
    static String algorithmOf(PublicKey key) {
        return key instanceof ECPublicKey ? SignatureAlgorithm.ES256.getAlgorithm()
                : SignatureAlgorithm.RS256.getAlgorithm();
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
