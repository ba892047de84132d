package io.scimserver.login;

import io.scimserver.audit.Actor;
import io.scimserver.audit.AuditEvent;
import io.scimserver.audit.Outcome;
import io.scimserver.users.User;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit row of a successful login: the account's own userName (never what was typed) and the client address.
 */
final class LoginEvents {

    private static final int MAX_ADDRESS = 64;

    private LoginEvents() {
    }

    static AuditEvent success(User user, String method, String clientAddress) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("method", method);
        summary.put("userName", user.userName);
        if (clientAddress != null) {
            // an address may come from a forwarded header: only the characters of an IP address, bounded
            String address = clientAddress.replaceAll("[^0-9A-Za-z.:%\\[\\]-]", "?");
            summary.put("address", address.length() > MAX_ADDRESS ? address.substring(0, MAX_ADDRESS) : address);
        }
        return new AuditEvent(user.orgId, Actor.anonymous(user.id), "Session", user.id.toString(), "login",
                Outcome.SUCCESS, null, summary);
    }
}
