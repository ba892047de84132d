package io.scimserver.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the credential checks read about a token's user, as SQL over the {@code users} row {@code u}: whether it is
 * active and whether it is a member of its organisation's ADMIN role. Read on every request, in the statement that
 * reads the credential, so that deactivation and the removal of ADMIN take effect on the next request.
 */
final class AccountState {

    private AccountState() {
    }

    /** SQL: user {@code u} is a member of its own organisation's ADMIN role. */
    static final String IS_ADMIN = """
            exists (select 1 from memberships m join roles r on r.id = m.role_id
                    where m.user_id = u.id and m.org_id = u.org_id
                      and r.org_id = u.org_id and r.source = 'SYSTEM' and r.name = 'ADMIN')""";

    static Instant toInstant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
