package io.scimserver.console;

import io.quarkus.hibernate.orm.panache.Panache;
import io.scimserver.roles.RoleSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A role and one page of its members, in two statements. */
@ApplicationScoped
public class RoleDirectory {

    static final int PAGE_SIZE = 50;

    public record RoleView(UUID id, String name, RoleSource source, String externalId, String created) {

        public String sourceLabel() {
            return RoleLabels.source(source);
        }

        public String lock() {
            return RoleLabels.lock(source, name);
        }

        public boolean deletable() {
            return source == RoleSource.LOCAL;
        }
    }

    public record Member(UUID id, String userName, String state) {
    }

    public record MemberPage(List<Member> rows, long total, int page, int pages, UUID roleId) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }

        public String previous() {
            return "/console/roles/" + roleId + "?page=" + (page - 1);
        }

        public String next() {
            return "/console/roles/" + roleId + "?page=" + (page + 1);
        }
    }

    public Optional<RoleView> find(UUID orgId, UUID roleId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select r.name, r.source, r.external_id, r.created from roles r where r.org_id = ?1 and r.id = ?2
                """).setParameter(1, orgId).setParameter(2, roleId).getResultList();
        return rows.stream().findFirst().map(r -> new RoleView(roleId, (String) r[0], RoleSource.valueOf((String) r[1]),
                (String) r[2], Times.show(r[3])));
    }

    public MemberPage members(UUID orgId, UUID roleId, int page) {
        int p = Math.max(1, page);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select u.id, u.user_name, u.active, u.deprovisioned_at, count(*) over ()
                from memberships m join users u on u.id = m.user_id and u.org_id = m.org_id
                where m.org_id = ?1 and m.role_id = ?2
                order by lower(u.user_name), u.id limit ?3 offset ?4
                """).setParameter(1, orgId).setParameter(2, roleId).setParameter(3, PAGE_SIZE)
                .setParameter(4, (p - 1) * PAGE_SIZE).getResultList();
        long total = rows.isEmpty() ? 0 : ((Number) rows.get(0)[4]).longValue();
        return new MemberPage(rows.stream().map(r -> new Member((UUID) r[0], (String) r[1],
                UserState.of((Boolean) r[2], r[3]).label())).toList(), total, p,
                (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE), roleId);
    }
}
