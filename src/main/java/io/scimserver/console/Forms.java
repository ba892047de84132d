package io.scimserver.console;

import io.quarkus.qute.TemplateInstance;
import io.scimserver.scim.protocol.AcceptedText;
import io.scimserver.scim.protocol.ScimException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Answers of the console's resources: a page with its status, a redirect after a form, a refused form. */
final class Forms {

    /** Longest value a console form field may hold (a password, a label, a search). */
    static final int MAX_FIELD = 1024;

    private Forms() {
    }

    static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }

    static Response page(TemplateInstance page) {
        return page(200, page);
    }

    /** 303 after a form, with an absolute-path Location: the browser keeps the origin it used. */
    static Response seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, path).build();
    }

    /** A form whose CSRF token does not belong to the session: 403, nothing done. */
    static Response forged() {
        return page(403, new Pages.refused("This form was not sent from this console session (its CSRF token does not"
                + " match). Reload the page and try again."));
    }

    /**
     * The door for form text, as for JSON bodies and URLs ({@link AcceptedText}): no NUL, no lone surrogate, at most
     * {@value #MAX_FIELD} characters; 400 naming the field, never echoing the value.
     */
    static String text(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_FIELD) {
            throw ScimException.invalidValue(field + " has " + value.length() + " characters; at most " + MAX_FIELD);
        }
        int bad = AcceptedText.refusedInValue(value);
        if (bad >= 0) {
            throw ScimException.invalidValue(field + " holds " + AcceptedText.describe(value, bad) + " at position "
                    + bad);
        }
        return value;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
