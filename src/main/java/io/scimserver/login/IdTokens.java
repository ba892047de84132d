package io.scimserver.login;

import io.scimserver.config.ScimConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.time.Duration;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Verifies an ID token against an organisation's identity provider with jose4j's {@code JwtConsumer} (the library
 * SmallRye JWT is built on; no hand-written JWT parsing): signature (RS256 or ES256, by the pasted key or the issuer's
 * published keys), {@code iss}, {@code aud}, {@code sub}, and {@code exp}, {@code nbf} and {@code iat} with a clock skew
 * of {@code scim.sso.clock-skew} (at most five minutes). {@code iat} is required, may not lie in the future beyond the
 * skew, and may not be older than a day.
 */
@ApplicationScoped
public class IdTokens {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final int MAX_AGE_SECONDS = 24 * 3600;

    private final ScimConfig config;
    private final IssuerKeys issuerKeys;

    public IdTokens(ScimConfig config, IssuerKeys issuerKeys) {
        this.config = config;
        this.issuerKeys = issuerKeys;
    }

    /** Why an ID token was refused; the reason is for the debug log, never for the caller. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /** The claims of an ID token that the provider's settings accept. */
    JwtClaims verify(SsoProvider provider, String idToken) throws Refused {
        int skew = (int) Math.min(config.sso().clockSkew().toSeconds(), MAX_SKEW.toSeconds());
        JwtConsumerBuilder b = new JwtConsumerBuilder()
                .setExpectedIssuer(provider.issuer)
                .setExpectedAudience(provider.audience)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(skew, MAX_AGE_SECONDS)
                .setAllowedClockSkewInSeconds(skew);
        switch (provider.keySource()) {
            case PEM -> {
                PublicKey key = SsoKeys.decodePem(provider.publicKeyPem);
                b.setVerificationKey(key).setJwsAlgorithmConstraints(ConstraintType.PERMIT, SsoKeys.algorithmOf(key));
            }
            case JWKS -> b.setVerificationKeyResolver(new JwksVerificationKeyResolver(SsoKeys.jwks(provider.jwks)))
                    .setJwsAlgorithmConstraints(ConstraintType.PERMIT, "RS256", "ES256");
            case DISCOVERY -> {
                try {
                    b.setVerificationKeyResolver(issuerKeys.resolver(provider.issuer))
                            .setJwsAlgorithmConstraints(ConstraintType.PERMIT, "RS256", "ES256");
                } catch (IssuerKeys.Unavailable e) {
                    throw new Refused("the issuer's keys are unavailable: " + e.getMessage());
                }
            }
        }
        try {
            return b.build().processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new Refused(e.getMessage());
        }
    }
}
