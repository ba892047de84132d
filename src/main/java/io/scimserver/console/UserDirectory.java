package io.scimserver.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.roles.RoleSource;
import io.scimserver.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the console reads about users: a page of the list in one statement (rows and the total), and one user with
 * its roles.
 */
@ApplicationScoped
public class UserDirectory {

    static final int PAGE_SIZE = 25;

    /**
     * SQL: user {@code u} is managed by SCIM: the identity provider gave it an externalId or attributes beyond the
     * userName and active flag a local account is made with, or deleted it. Such a user's attributes and SCIM groups
     * are the identity provider's.
     */
    static final String SCIM_MANAGED = """
            (u.external_id is not null or u.deprovisioned_at is not null
             or (u.attributes - 'userName' - 'active') <> '{}'::jsonb)""";

    /** SQL: when user {@code u} last signed in (password or SSO), from the audit trail. */
    static final String LAST_LOGIN = """
            (select max(a.created) from audit_events a where a.org_id = u.org_id and a.resource_id = u.id::text
               and a.resource_type = 'Session' and a.operation = 'login')""";

    public record UserRow(UUID id, String userName, String name, String state, boolean scim, String lastLogin) {
    }

    public record UserPage(List<UserRow> rows, long total, int page, int pages, String q, String state) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }

        /** The list's URL for another page, the search and filter kept (URL-encoded). */
        public String link(int other) {
            return "/console/users?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)
                    + "&state=" + state + "&page=" + other;
        }

        public String previous() {
            return link(page - 1);
        }

        public String next() {
            return link(page + 1);
        }
    }

    /** One page of the organisation's users, by userName, searched in userName and name, filtered by state. */
    public UserPage list(UUID orgId, String q, UserState state, int page) {
        String search = q == null ? "" : q.toLowerCase(java.util.Locale.ROOT);
        int p = Math.max(1, page);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select u.id, u.user_name, coalesce(u.display_name, u.attributes->'name'->>'formatted'), u.active,
                       u.deprovisioned_at, %s, %s, count(*) over ()
                from users u
                where u.org_id = ?1 and %s
                  and (?2 = '' or lower(u.user_name) like ?3 escape '\\'
                       or lower(coalesce(u.display_name, u.attributes->'name'->>'formatted', '')) like ?3 escape '\\')
                order by lower(u.user_name), u.id limit ?4 offset ?5
                """.formatted(SCIM_MANAGED, LAST_LOGIN, state == null ? "true" : state.sql))
                .setParameter(1, orgId).setParameter(2, search).setParameter(3, "%" + likeEscape(search) + "%")
                .setParameter(4, PAGE_SIZE).setParameter(5, (p - 1) * PAGE_SIZE).getResultList();
        long total = rows.isEmpty() ? 0 : ((Number) rows.get(0)[7]).longValue();
        List<UserRow> out = rows.stream().map(r -> new UserRow((UUID) r[0], (String) r[1],
                r[2] == null ? "" : (String) r[2], UserState.of((Boolean) r[3], r[4]).label(), (Boolean) r[5],
                Times.show(r[6]))).toList();
        return new UserPage(out, total, p, (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE), q == null ? "" : q,
                state == null ? "" : state.label());
    }

    public record Attribute(String name, String value) {
    }

    /** A role of the organisation as a user's page shows it: held or grantable, and whether an admin may change it. */
    public record RoleOfUser(UUID id, String name, RoleSource source, boolean held) {

        public String sourceLabel() {
            return RoleLabels.source(source);
        }

        /** Why the console does not change this membership, or null when an admin may. */
        public String lock() {
            return RoleLabels.lock(source, name);
        }
    }

    public record UserDetail(UUID id, String userName, String state, boolean scim, boolean hasPassword,
            String externalId, String created, String lastModified, String deprovisionedAt, String lastLogin,
            List<Attribute> attributes, List<RoleOfUser> roles) {

        public List<RoleOfUser> held() {
            return roles.stream().filter(RoleOfUser::held).toList();
        }

        public List<RoleOfUser> grantable() {
            return roles.stream().filter(r -> !r.held() && r.lock() == null).toList();
        }
    }

    /** Most roles a user's page lists: every role the user holds and every role an admin could grant. */
    static final int MAX_ROLES = 500;

    public Optional<UserDetail> find(UUID orgId, UUID userId) {
        var em = Panache.getEntityManager();
        @SuppressWarnings("unchecked")
        List<Object[]> users = em.createNativeQuery("""
                select u.user_name, u.active, u.deprovisioned_at, %s, u.password_hash is not null, u.external_id,
                       u.created, u.last_modified, %s, u.attributes::text
                from users u where u.org_id = ?1 and u.id = ?2
                """.formatted(SCIM_MANAGED, LAST_LOGIN)).setParameter(1, orgId).setParameter(2, userId)
                .getResultList();
        if (users.isEmpty()) {
            return Optional.empty();
        }
        Object[] u = users.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> roles = em.createNativeQuery("""
                select r.id, r.name, r.source, m.user_id is not null
                from roles r left join memberships m on m.role_id = r.id and m.user_id = ?2
                where r.org_id = ?1 and (m.user_id is not null or r.source <> 'PROVISIONED')
                order by r.source desc, lower(r.name), r.id limit ?3
                """).setParameter(1, orgId).setParameter(2, userId).setParameter(3, MAX_ROLES).getResultList();
        return Optional.of(new UserDetail(userId, (String) u[0], UserState.of((Boolean) u[1], u[2]).label(),
                (Boolean) u[3], (Boolean) u[4], (String) u[5], Times.show(u[6]), Times.show(u[7]), Times.show(u[2]),
                Times.show(u[8]), attributes((String) u[9]),
                roles.stream().map(r -> new RoleOfUser((UUID) r[0], (String) r[1], RoleSource.valueOf((String) r[2]),
                        (Boolean) r[3])).toList()));
    }

    /** The stored SCIM attributes, one row per top-level attribute (complex ones as compact JSON). */
    private static List<Attribute> attributes(String json) {
        List<Attribute> out = new ArrayList<>();
        JsonNode node = Json.parseObject(json);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!"password".equalsIgnoreCase(e.getKey())) {
                out.add(new Attribute(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                        : e.getValue().toString()));
            }
        }
        return out;
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
