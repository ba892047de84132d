package io.scimserver.console;

import java.util.Locale;

/** The three states a user is shown in, each a condition on the {@code users} row {@code u}. */
public enum UserState {
    ACTIVE("u.active"),
    DEACTIVATED("not u.active and u.deprovisioned_at is null"),
    DEPROVISIONED("u.deprovisioned_at is not null");

    final String sql;

    UserState(String sql) {
        this.sql = sql;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UserState of(boolean active, Object deprovisionedAt) {
        return deprovisionedAt != null ? DEPROVISIONED : active ? ACTIVE : DEACTIVATED;
    }

    /** The state a filter names; null for none or an unknown one (then every state is listed). */
    static UserState parse(String s) {
        for (UserState v : values()) {
            if (v.label().equals(s)) {
                return v;
            }
        }
        return null;
    }
}
