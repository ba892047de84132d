package io.scimserver.observability;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The id of each request: the caller's {@code X-Request-Id} when it looks like an id (so a proxy's or a client's id
 * carries through), a new one otherwise. It is returned in the same header, put in the log context as
 * {@value #MDC_KEY}, in the access line and in the audit rows the request writes.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Letters, digits and {@code . _ : -}, 1 to 128 characters: nothing that could forge a log line. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    /** The incoming id if it is sane, else a new random one. */
    static String accept(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** The id of the request being handled on this thread, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
