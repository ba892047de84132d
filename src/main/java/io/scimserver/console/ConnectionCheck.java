package io.scimserver.console;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Whether an identity provider has talked to the organisation's SCIM endpoint yet, from the audit trail: its last SCIM
 * write, successful or refused (reads are not audited; a token's last use shows them). One statement.
 */
@ApplicationScoped
public class ConnectionCheck {

    /** The last SCIM write: when, what, how it ended, and the detail the identity provider received if refused. */
    public record LastWrite(String time, String resourceType, String operation, String outcome, String status,
            String detail) {

        public boolean failed() {
            return !"success".equals(outcome);
        }
    }

    /**
     * A SCIM write's row: a success row of a User or Group create, replace, patch or delete by SCIM (the admin API's
     * user deletion is marked {@code local}), or a refused write whose request names {@code /scim/}.
     */
    static final String SCIM_WRITE = """
            ((a.outcome = 'success' and a.resource_type in ('User', 'Group')
              and a.operation in ('create', 'replace', 'patch', 'delete') and a.summary->'local' is null)
             or (a.outcome <> 'success' and a.summary->>'request' like '% /scim/%'))""";

    public java.util.Optional<LastWrite> lastScimWrite(UUID orgId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select a.created, a.resource_type, a.operation, a.outcome, a.status, a.summary->>'detail'
                from audit_events a where a.org_id = ?1 and %s order by a.id desc limit 1
                """.formatted(SCIM_WRITE)).setParameter(1, orgId).getResultList();
        return rows.stream().findFirst().map(r -> new LastWrite(Times.show(r[0]), (String) r[1],
                (String) r[2], (String) r[3], r[4] == null ? "" : r[4].toString(), (String) r[5]));
    }
}
