package io.scimserver.audit;

import java.util.Locale;

/** How an audited action ended. */
public enum Outcome {
    SUCCESS, FAILURE, THROTTLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome of(int status) {
        return status < 400 ? SUCCESS : status == 429 ? THROTTLED : FAILURE;
    }
}
