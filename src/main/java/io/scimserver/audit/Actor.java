package io.scimserver.audit;

import io.scimserver.auth.Caller;
import java.util.UUID;

/**
 * Who did something: the kind of credential and, when known, the user and the personal access token (its id, never its
 * secret).
 */
public record Actor(Kind kind, UUID userId, UUID tokenId) {

    public enum Kind {
        PERSONAL_ACCESS_TOKEN, SESSION, OPERATOR, SYSTEM, ANONYMOUS
    }

    /** The operator token holder ({@code POST /api/v1/orgs}). */
    public static final Actor OPERATOR = new Actor(Kind.OPERATOR, null, null);

    /** The service itself (bootstrap, scheduled jobs). */
    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null, null);

    /** Someone not (yet) authenticated, such as a login attempt. */
    public static Actor anonymous(UUID userId) {
        return new Actor(Kind.ANONYMOUS, userId, null);
    }

    public static Actor of(Caller caller) {
        return new Actor(switch (caller.kind()) {
            case PERSONAL_ACCESS_TOKEN -> Kind.PERSONAL_ACCESS_TOKEN;
            case SESSION -> Kind.SESSION;
        }, caller.userId(), caller.tokenId());
    }
}
