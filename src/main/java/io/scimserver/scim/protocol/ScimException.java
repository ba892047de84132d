package io.scimserver.scim.protocol;

/**
 * A failure that reaches the client as a SCIM Error (RFC 7644 §3.12). {@code detail} is written for a human: it
 * says what was wrong and, where it helps, what to send instead. It never carries a stack trace or class name.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final ScimType scimType;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ScimException(int status, ScimType scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException badRequest(ScimType type, String detail) {
        return new ScimException(400, type, detail);
    }

    public static ScimException invalidValue(String detail) {
        return badRequest(ScimType.INVALID_VALUE, detail);
    }

    public static ScimException invalidPath(String detail) {
        return badRequest(ScimType.INVALID_PATH, detail);
    }

    public static ScimException mutability(String detail) {
        return badRequest(ScimType.MUTABILITY, detail);
    }

    public static ScimException noTarget(String detail) {
        return badRequest(ScimType.NO_TARGET, detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return badRequest(ScimType.INVALID_SYNTAX, detail);
    }

    public static ScimException invalidFilter(String detail) {
        return badRequest(ScimType.INVALID_FILTER, detail);
    }

    public static ScimException tooMany(String detail) {
        return badRequest(ScimType.TOO_MANY, detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, ScimType.UNIQUENESS, detail);
    }

    public static ScimException conflict(String detail) {
        return new ScimException(409, null, detail);
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(401, null, detail).withHeader("WWW-Authenticate", "Bearer");
    }

    public static ScimException forbidden(String detail) {
        return new ScimException(403, null, detail);
    }

    public static ScimException unavailable(String detail) {
        return new ScimException(503, null, detail).withHeader("Retry-After", "5");
    }

    public static ScimException preconditionFailed(String detail) {
        return new ScimException(412, null, detail);
    }

    /** Adds a response header, such as {@code WWW-Authenticate} or {@code Retry-After}. */
    public ScimException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public int status() {
        return status;
    }

    /** The scimType keyword, or null when the status alone says it (404, 401, 412...). */
    public ScimType scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }
}
