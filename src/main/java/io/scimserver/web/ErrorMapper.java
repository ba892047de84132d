package io.scimserver.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.scimserver.observability.ClientAborts;
import io.scimserver.scim.protocol.EndpointNames;
import io.scimserver.scim.protocol.ErrorResponse;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimMedia;
import io.scimserver.scim.protocol.ScimType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses. {@code /scim} answers SCIM Errors ({@code application/scim+json});
 * everything else answers {@link ApiError} JSON. Client errors are logged at debug, server errors at warn with the
 * stack trace; bodies never carry a stack trace or a class name.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
    private static final String UNIQUE_TAKEN = "a value that must be unique is already taken";

    private final CurrentVertxRequest request;
    private final ClientAborts aborts;

    public ErrorMapper(CurrentVertxRequest request, ClientAborts aborts) {
        this.request = request;
        this.aborts = aborts;
    }

    @ServerExceptionMapper
    public Response scim(ScimException e, UriInfo uri) {
        log(e, uri.getPath());
        return render(uri, e);
    }

    /**
     * The SCIM error a failure answers when it is not a whole request's but one part's, such as one operation of a
     * bulk request ({@code where} names it in the log): as the mappers here answer it, logged the same way.
     */
    public static ScimException asScim(Throwable e, String where) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 16; t = t.getCause()) {
            if (t instanceof ScimException s) {
                log(s, where);
                return s;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c && c.getKind()
                    != org.hibernate.exception.ConstraintViolationException.ConstraintKind.OTHER) {
                return Conflicts.toScim(c, UNIQUE_TAKEN);
            }
        }
        ScimException constraint = Conflicts.fromStatement(e, UNIQUE_TAKEN);
        if (constraint != null) {
            log(constraint, where);
            return constraint;
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", where, rootMessage(e));
            return ScimException.unavailable("the database is unavailable; retry shortly");
        }
        LOG.warnf(e, "unexpected failure on %s", where);
        return new ScimException(500, null, "internal error; the server log has the details");
    }

    private static void log(ScimException e, String where) {
        if (e.status() >= 500 && e.status() != 501) { // 501: the client asked for what the service does not do
            LOG.warnf("%d on %s: %s", e.status(), where, e.detail());
        } else if (e.status() == 409) {
            LOG.infof("409 on %s: %s", where, e.detail()); // one line, with the request id of the context
        } else {
            LOG.debugf("%d on %s: %s", e.status(), where, e.detail());
        }
    }

    /**
     * A body that is not the JSON expected: says what is wrong and where (line and column, or the member path), never
     * the input (it may hold a password) nor the class a field belongs to.
     */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String message = String.valueOf(e.getOriginalMessage());
        String detail = switch (e) {
            case StreamConstraintsException c ->
                "the body exceeds a reading bound (nesting depth, or the length of a number, name or string)"
                        + at(e.getLocation());
            case InvalidFormatException f -> "a value has the wrong type" + at(f.getPath());
            case MismatchedInputException m when message.startsWith("Trailing token") ->
                "the body holds more than one JSON value" + at(e.getLocation());
            case MismatchedInputException m when m.getPath().isEmpty() && message.contains("end-of-input") ->
                "the body is not valid JSON: it ends early" + at(e.getLocation());
            case MismatchedInputException m -> "the body does not have the expected shape" + at(m.getPath());
            default -> message.startsWith("Duplicate field")
                    ? "the body names the same member twice in one object" + at(e.getLocation())
                    : "the body is not valid JSON" + (message.contains("end-of-input") ? ": it ends early" : "")
                            + at(e.getLocation());
        };
        return render(uri, ScimException.invalidSyntax(detail));
    }

    /** Quarkus has a built-in mapper for exactly this type (a bare 400); this one keeps the SCIM/API error body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        ScimException scim = switch (e) {
            case NotFoundException n -> ScimException.notFound("no such endpoint: " + uri.getPath());
            case NotAllowedException n -> new ScimException(405, null, "this method is not allowed on " + uri.getPath());
            case NotSupportedException n -> new ScimException(415, null,
                    "send the body as application/scim+json or application/json");
            case NotAcceptableException n -> new ScimException(406, null,
                    "this endpoint answers application/scim+json or application/json");
            default -> fromStatus(e.getResponse().getStatus());
        };
        return render(uri, scim);
    }

    /** A constraint violation no use case caught (at commit, say): its own answer, 409 only for a unique one. */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (e.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.OTHER) {
            return unexpected(e, uri);
        }
        return render(uri, Conflicts.toScim(e, UNIQUE_TAKEN));
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", uri.getPath(), rootMessage(e));
            return render(uri, ScimException.unavailable("the database is unavailable; retry shortly"));
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isClientAbort(e) && request.getCurrent() != null) {
            aborts.aborted(request.getCurrent(), "the connection closed while the request was read or answered");
            return Response.status(ClientAborts.STATUS).build(); // nobody is left to read it
        }
        ScimException constraint = Conflicts.fromStatement(e, UNIQUE_TAKEN);
        if (constraint != null) { // a constraint a statement run with plain JDBC reported, as Hibernate's above
            log(constraint, uri.getPath());
            return render(uri, constraint);
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", uri.getPath(), rootMessage(e));
            return render(uri, ScimException.unavailable("the database is unavailable; retry shortly"));
        }
        LOG.warnf(e, "unexpected failure on %s", uri.getPath());
        return render(uri, new ScimException(500, null, "internal error; the server log has the details"));
    }

    private static ScimException fromStatus(int status) {
        return switch (status) {
            case 413 -> new ScimException(413, null, "the request body is too large");
            default -> new ScimException(status, status == 400 ? ScimType.INVALID_SYNTAX : null,
                    Response.Status.fromStatusCode(status) == null ? "request refused"
                            : Response.Status.fromStatusCode(status).getReasonPhrase());
        };
    }

    static Response render(UriInfo uri, ScimException e) {
        Response.ResponseBuilder b;
        if (EndpointNames.isScim(uri.getPath())) { // the same test as authentication and media types
            b = Response.status(e.status()).type(ScimMedia.SCIM_JSON_UTF8)
                    .entity(ErrorResponse.of(e.status(), e.scimType(), e.detail()));
        } else {
            b = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(e.status(), e.detail()));
        }
        e.headers().forEach(b::header);
        return b.build();
    }

    /** {@code " at members[0].value"}: field names and indexes only, never the class a field belongs to. */
    private static String at(java.util.List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "" : " at " + b;
    }

    private static String at(com.fasterxml.jackson.core.JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * Agroal's pool gives up waiting for a connection with a plain SQLException that carries only a message: "Sorry,
     * acquisition timeout!" or "Acquisition timeout while waiting for new connection".
     */
    private static final String AGROAL_ACQUISITION_TIMEOUT = "acquisition timeout";

    static boolean isDatabaseUnavailable(Throwable e) {
        return isDatabaseUnavailable(e, 0);
    }

    /** Walks causes and suppressed exceptions: Narayana reports a failed commit's I/O error as suppressed. */
    private static boolean isDatabaseUnavailable(Throwable e, int level) {
        if (level > 4) {
            return false;
        }
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 32; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (isDatabaseUnavailable(s, level + 1)) {
                    return true;
                }
            }
            if (t instanceof SQLTransientConnectionException || t instanceof QueryTimeoutException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains(AGROAL_ACQUISITION_TIMEOUT)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01")
                            || sql.getSQLState().equals("57P03") || sql.getSQLState().equals("57014"))) {
                return true;
            }
        }
        return false;
    }

    /** The client's connection closed under us: Vert.x reports it as a closed-connection exception, maybe wrapped. */
    static boolean isClientAbort(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 16; t = t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || (t instanceof java.io.IOException && t.getMessage() != null
                            && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection was closed"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
