package io.scimserver.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.audit.AuditTrail;
import java.util.Locale;

/**
 * An audit row as the console shows it: who (the kind of credential, and the token or user id), what, on which object,
 * how it ended, and the detail: for a refused write, the SCIM error the client received; otherwise the row's summary.
 */
@io.quarkus.qute.TemplateData
public record AuditRow(String time, String actor, String operation, String object, String objectId, String outcome,
        String status, String requestId, String detail, boolean failed) {

    private static final int MAX_DETAIL = 300;

    static AuditRow of(AuditTrail.Entry e) {
        boolean failed = !"success".equals(e.outcome());
        return new AuditRow(Times.show(e.created()), actor(e.actor()), e.operation(), e.resourceType(),
                e.resourceId() == null ? "" : e.resourceId(), e.outcome(), e.status() == null ? "" : e.status().toString(),
                e.requestId() == null ? "" : e.requestId(), failed ? error(e.summary()) : summary(e.summary()), failed);
    }

    private static String actor(AuditTrail.ActorView a) {
        String kind = a.kind().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (a.tokenId() != null) {
            return kind + " " + a.tokenId().toString().substring(0, 8);
        }
        return a.userId() == null ? kind : kind + " of user " + a.userId().toString().substring(0, 8);
    }

    private static String error(JsonNode s) {
        String type = s.path("scimType").asText("");
        String detail = s.path("detail").asText("");
        return bounded((type.isEmpty() ? "" : type + ": ") + detail);
    }

    private static String summary(JsonNode s) {
        return s == null || s.isEmpty() ? "" : bounded(s.toString());
    }

    private static String bounded(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
