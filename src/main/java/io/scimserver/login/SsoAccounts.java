package io.scimserver.login;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.jose4j.jwt.JwtClaims;

/**
 * Which account a verified ID token signs in, so that no claim a user can edit steers it to someone else's account.
 * <ol>
 * <li>The token's subject is its issuer plus its immutable {@code oid} (Microsoft Entra), else its {@code sub}. An
 * account bound to that subject is the answer, whatever the other claims say.</li>
 * <li>Otherwise the first login: the live account whose userName is the value of the provider's {@code userClaim}
 * (default {@code preferred_username}: for Entra the UPN, which Entra provisions as userName); else, only when the
 * token says {@code email_verified: true} or the admin opted in ({@code trustUnverifiedEmail}), the one whose userName
 * is its {@code email}. An account bound to another subject of the same issuer is never taken over. The account found
 * is bound to the subject.</li>
 * </ol>
 * A deprovisioned account stays bound, so its subject never reaches a later account of the same userName (someone
 * else, unless proven otherwise); a revival (same externalId) unbinds it until its next first login.
 */
@ApplicationScoped
public class SsoAccounts {

    /** The account a verified token names, bound to its subject; empty when none may be signed in. */
    Optional<User> match(SsoProvider provider, JwtClaims claims) {
        String subject = subject(claims);
        if (subject == null) {
            return Optional.empty();
        }
        Optional<User> bound = User.findBySsoSubject(provider.orgId, provider.issuer, subject);
        if (bound.isPresent()) {
            return bound.filter(u -> u.active && u.deprovisionedAt == null);
        }
        boolean emailTrusted = Boolean.TRUE.equals(claims.getClaimValue("email_verified")) || provider.trustUnverifiedEmail;
        // the email claim is trusted only when verified or opted in, also when an admin configured it as userClaim
        Optional<User> first = "email".equals(provider.userClaim) && !emailTrusted ? Optional.empty()
                : byUserName(provider, claim(claims, provider.userClaim));
        if (first.isEmpty() && emailTrusted) {
            first = byUserName(provider, claim(claims, "email"));
        }
        return first.filter(u -> u.active && !(provider.issuer.equals(u.ssoIssuer) && u.ssoSubject != null))
                .filter(u -> bind(provider.orgId, u.id, provider.issuer, subject));
    }

    /** The immutable subject: Entra's {@code oid} (one per user and tenant, across applications), else {@code sub}. */
    static String subject(JwtClaims claims) {
        String oid = claim(claims, "oid");
        return oid != null ? "oid:" + oid : Optional.ofNullable(claim(claims, "sub")).map(s -> "sub:" + s).orElse(null);
    }

    private static Optional<User> byUserName(SsoProvider provider, String value) {
        return value == null ? Optional.empty() : User.findByUserName(provider.orgId, value);
    }

    private static String claim(JwtClaims claims, String name) {
        Object v = claims.getClaimValue(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    /**
     * Binds the account to the subject, in a transaction of its own, unless it got bound to another subject of this
     * issuer meanwhile; false when it did, or when the subject got bound to another account (the unique index decides).
     */
    private static boolean bind(UUID orgId, UUID userId, String issuer, String subject) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery("""
                    update users set sso_issuer = ?3, sso_subject = ?4
                     where id = ?1 and org_id = ?2 and deprovisioned_at is null
                       and (sso_subject is null or sso_issuer <> ?3)
                    """).setParameter(1, userId).setParameter(2, orgId).setParameter(3, issuer)
                    .setParameter(4, subject).executeUpdate() == 1);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException) {
                    return false;
                }
            }
            throw e;
        }
    }
}
