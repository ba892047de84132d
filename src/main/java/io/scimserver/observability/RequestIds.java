package io.scimserver.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
    }

    /**
     * A random (version 4) UUID from the thread's own generator. An id names a request, it guards nothing, so it
     * need not be unpredictable; {@link UUID#randomUUID()}'s secure generator, shared by every thread, was almost 1 %
     * of a lookup's CPU (BENCHMARKS.md).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    /** The id of the request being handled on this thread, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
