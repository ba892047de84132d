package io.scimserver.account;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.audit.Audit;
import io.scimserver.auth.Caller;
import io.scimserver.auth.PersonalAccessTokens;
import io.scimserver.orgs.Organization;
import io.scimserver.roles.RoleSource;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a signed-in user can see and do about themselves: who they are, and their personal access tokens. */
@ApplicationScoped
public class Account {

    static final int MAX_TOKEN_DAYS = 3650;

    private final PersonalAccessTokens tokens;
    private final Audit audit;

    public Account(PersonalAccessTokens tokens, Audit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    public record OrgRef(UUID id, String name) {
    }

    /** {@code source}: SYSTEM (PUBLIC, ADMIN), LOCAL (made by an admin) or PROVISIONED (a SCIM group). */
    public record RoleRef(UUID id, String name, RoleSource source) {
    }

    public record Me(UUID id, String userName, boolean active, OrgRef organization, List<RoleRef> roles) {
    }

    public Me me(Caller caller) {
        User user = User.findInOrg(caller.orgId(), caller.userId())
                .orElseThrow(() -> ScimException.unauthorized("the token's user no longer exists"));
        Organization org = Organization.findById(caller.orgId());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select r.id, r.name, r.source from roles r join memberships m on m.role_id = r.id
                where m.user_id = ?1 and r.org_id = ?2 order by lower(r.name), r.id
                """).setParameter(1, user.id).setParameter(2, caller.orgId()).getResultList();
        return new Me(user.id, user.userName, user.active, new OrgRef(org.id, org.name),
                rows.stream().map(r -> new RoleRef((UUID) r[0], (String) r[1], RoleSource.valueOf((String) r[2])))
                        .toList());
    }

    @Transactional
    public PersonalAccessTokens.Issued issueToken(Caller caller, String label, Integer expiresInDays) {
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS)) {
            throw ScimException.invalidValue("expiresInDays is between 1 and " + MAX_TOKEN_DAYS
                    + ", or null for a token that never expires");
        }
        if (label != null && label.length() > 200) {
            throw ScimException.invalidValue("a label has at most 200 characters");
        }
        PersonalAccessTokens.Issued issued = tokens.issue(caller.orgId(), caller.userId(),
                label == null || label.isBlank() ? null : label.trim(), expiresInDays);
        Map<String, Object> summary = new HashMap<>();
        summary.put("label", label == null || label.isBlank() ? null : label.trim());
        summary.put("expiresAt", issued.expiresAt() == null ? null : issued.expiresAt().toString());
        audit.record(caller.orgId(), "Token", issued.id(), "issue", summary);
        return issued;
    }

    /** The caller's tokens that are not revoked, newest first; never their secrets (which are not stored). */
    public List<PersonalAccessTokens.Info> tokens(Caller caller) {
        return tokens.unrevoked(caller.orgId(), caller.userId());
    }

    /** Revokes one of the caller's own tokens; another user's token is as unknown as a missing one (404). */
    @Transactional
    public void revokeToken(Caller caller, UUID tokenId) {
        PersonalAccessTokens.Info token = tokens.revoke(caller.orgId(), caller.userId(), tokenId)
                .orElseThrow(() -> ScimException.notFound("you have no token " + tokenId));
        audit.record(caller.orgId(), "Token", token.id(), "revoke", token.label() == null ? Map.of()
                : Map.of("label", token.label()));
    }
}
