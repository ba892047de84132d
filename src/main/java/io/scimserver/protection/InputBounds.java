package io.scimserver.protection;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.protocol.AcceptedText;
import io.scimserver.scim.protocol.ScimException;
import java.util.Iterator;
import java.util.Map;

/**
 * Bounds on what a request body may hold, checked before anything is stored, as {@link AcceptedText} decides: every
 * string value is valid Unicode without NUL (PostgreSQL cannot store {@code \u0000} in text or jsonb, and a lone
 * surrogate would be stored as {@code ?}), at most {@link #MAX_STRING} characters long; a member name holds no control
 * character; every number is in range (Jackson reads {@code 1e9999999999} as infinity, which is not JSON); the
 * attributes kept in indexed columns (userName, displayName, externalId) at most {@link #MAX_INDEXED} characters, so
 * that a btree index row always fits. Refusals are {@code 400 invalidValue} naming where, never the value.
 */
public final class InputBounds {

    /** Longest string anywhere in a body; Entra's longest attributes (certificates aside) are far shorter. */
    public static final int MAX_STRING = AcceptedText.MAX_VALUE;
    /** Longest userName, displayName or externalId: 512 characters are at most 2048 UTF-8 bytes, under btree's 2704. */
    public static final int MAX_INDEXED = 512;

    private InputBounds() {
    }

    /** Checks every string of the body. */
    public static void check(JsonNode body) {
        walk(body, "");
    }

    /** Checks a value about to be stored in an indexed column. */
    public static void checkIndexed(String attribute, String value) {
        if (value != null && value.length() > MAX_INDEXED) {
            throw ScimException.invalidValue("'" + attribute + "' has " + value.length() + " characters; at most "
                    + MAX_INDEXED + " are accepted");
        }
    }

    private static void walk(JsonNode node, String where) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            string(node.textValue(), where, false);
        } else if (node.isNumber()) {
            number(node, where);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = where.isEmpty() ? f.getKey() : where + "." + f.getKey();
                string(f.getKey(), where.isEmpty() ? "a member name" : "a member name in " + where, true);
                walk(f.getValue(), at);
            }
        }
    }

    private static void string(String s, String where, boolean name) {
        if (s.length() > MAX_STRING) {
            throw ScimException.invalidValue(describe(where) + " has " + s.length() + " characters; at most "
                    + MAX_STRING + " are accepted");
        }
        int bad = name ? AcceptedText.refusedInName(s) : AcceptedText.refusedInValue(s);
        if (bad >= 0) {
            throw ScimException.invalidValue(describe(where) + " holds " + AcceptedText.describe(s, bad)
                    + " at index " + bad);
        }
    }

    private static void number(JsonNode node, String where) {
        String problem = node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())
                ? AcceptedText.outOfRange() : AcceptedText.numberProblem(node.decimalValue());
        if (problem != null) {
            throw ScimException.invalidValue("the number of " + describe(where) + " " + problem);
        }
    }

    private static String describe(String where) {
        return where.isEmpty() ? "the body" : where.startsWith("a member name") ? where : "'" + printable(where) + "'";
    }

    /** A member path for a message: at most 200 characters, invisible characters written as U+XXXX. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            b.append(AcceptedText.printable(s.charAt(i)));
        }
        return b.length() < 200 ? b.toString() : b + "...";
    }
}
