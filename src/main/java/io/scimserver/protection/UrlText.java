package io.scimserver.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimserver.scim.protocol.AcceptedText;
import io.scimserver.scim.protocol.ScimType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The door for text in the URL, before anything else reads it: the path and every query parameter name and value
 * must be well-formed percent-encoding of valid UTF-8 and, decoded, be text {@link AcceptedText} accepts in a name (no
 * control character, no NUL, no lone surrogate), at most {@link AcceptedText#MAX_VALUE} characters a value. A refusal
 * is 400 with an error body naming the parameter and the position ({@code invalidFilter} for {@code filter}), so no
 * id, filter, sortBy or audit query ever reaches the database with a NUL in it.
 *
 * <p>A request line that is not a valid URI at all (a raw {@code "} or space, a malformed {@code %} escape in the path)
 * never gets here: Vert.x's HTTP server refuses it with a bare 400 before any route runs, and Quarkus has no hook for
 * that answer (README, "Hostile and broken input").
 */
@Singleton
public class UrlText {

    private final ObjectMapper json;

    public UrlText(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-4).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String problem = problem("the URL path", ctx.request().path(), false);
        ScimType type = ScimType.INVALID_VALUE;
        String query = ctx.request().query();
        if (problem == null && query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                problem = problem("a query parameter name", rawName, true);
                if (problem == null && eq >= 0) {
                    String why = why(pair.substring(eq + 1), true);
                    if (why != null) {
                        String name = decode(rawName, true);
                        problem = "the query parameter " + quoted(name) + " " + why;
                        type = name.equals("filter") ? ScimType.INVALID_FILTER : ScimType.INVALID_VALUE;
                    }
                }
                if (problem != null) {
                    break;
                }
            }
        }
        if (problem == null) {
            ctx.next();
        } else {
            EarlyResponses.refuse(ctx, json, 400, type, problem);
        }
    }

    /** Why the percent-encoded {@code raw} is refused, or null. */
    static String problem(String what, String raw, boolean query) {
        String why = why(raw, query);
        return why == null ? null : what + " " + why;
    }

    /** Why the percent-encoded {@code raw} is refused, to follow the name of what it is; or null. */
    private static String why(String raw, boolean query) {
        if (isPlain(raw, query)) {
            // the common case: the text is its own decoding, and printable ASCII holds nothing to refuse
            return query && raw.length() > AcceptedText.MAX_VALUE ? tooLong(raw.length()) : null;
        }
        String text;
        try {
            text = decodeStrictly(raw, query);
        } catch (BadEncoding e) {
            return e.getMessage();
        }
        if (query && text.length() > AcceptedText.MAX_VALUE) {
            return tooLong(text.length());
        }
        int bad = AcceptedText.refusedInName(text);
        return bad < 0 ? null : "holds " + AcceptedText.describe(text, bad) + " at position " + bad
                + " (decoded); send text without control characters, and write them as JSON escapes (\\t) inside a"
                + " filter's string";
    }

    /** Printable ASCII without a percent sign (nor a plus sign, which a query decodes to a space). */
    private static boolean isPlain(String raw, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '%' || (c == '+' && query)) {
                return false;
            }
        }
        return true;
    }

    private static String tooLong(int length) {
        return "has " + length + " characters; at most " + AcceptedText.MAX_VALUE + " are accepted";
    }

    private static String decode(String raw, boolean query) {
        try {
            return decodeStrictly(raw, query);
        } catch (BadEncoding e) {
            return raw;
        }
    }

    private static String quoted(String name) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < name.length() && i < 40; i++) {
            b.append(AcceptedText.printable(name.charAt(i)));
        }
        return b.append(name.length() > 40 ? "...\"" : "\"").toString();
    }

    private static final class BadEncoding extends Exception {
        BadEncoding(String message) {
            super(message, null, false, false);
        }
    }

    private static String decodeStrictly(String raw, boolean query) throws BadEncoding {
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        boolean ascii = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int b;
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new BadEncoding("has an invalid percent-encoding at position " + i
                            + ": write %XX with two hexadecimal digits (a literal % is %25)");
                }
                b = hi * 16 + lo;
                i += 2;
            } else if (c == '+' && query) {
                b = ' ';
            } else {
                b = c & 0xFF; // the request line arrives as bytes, one char each
            }
            bytes[length++] = (byte) b;
            ascii &= b < 0x80;
        }
        if (ascii) {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadEncoding("is not valid UTF-8 once percent-decoded; encode text as UTF-8 before percent-encoding");
        }
    }
}
