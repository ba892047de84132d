package io.scimserver.audit;

import java.util.Map;
import java.util.UUID;

/**
 * One row of the audit trail, before it is written.
 *
 * @param orgId the organisation, or null for a login attempt naming an organisation that does not exist
 * @param resourceId the id of the thing acted on, or null (a refused create has none)
 * @param status the HTTP status of a failure; null for a success
 * @param summary a compact description of the change: attribute names, counts, an error's detail; never a secret
 */
public record AuditEvent(UUID orgId, Actor actor, String resourceType, String resourceId, String operation,
        Outcome outcome, Integer status, Map<String, ?> summary) {

    public AuditEvent {
        summary = summary == null ? Map.of() : summary;
    }
}
