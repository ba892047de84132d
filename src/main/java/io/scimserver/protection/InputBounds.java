package io.scimserver.protection;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.protocol.ScimException;
import java.util.Iterator;
import java.util.Map;

/**
 * Bounds on what a request body may hold, checked before anything is stored: every string (value or key) is valid
 * Unicode without NUL (PostgreSQL cannot store {@code \u0000} in text or jsonb, and a lone surrogate would be stored as
 * {@code ?}), at most {@link #MAX_STRING} characters long; the attributes kept in indexed columns (userName,
 * displayName, externalId) at most {@link #MAX_INDEXED} characters, so that a btree index row always fits. Refusals
 * are {@code 400 invalidValue} naming where.
 */
public final class InputBounds {

    /** Longest string anywhere in a body; Entra's longest attributes (certificates aside) are far shorter. */
    public static final int MAX_STRING = 16_384;
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
            string(node.textValue(), where);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = where.isEmpty() ? f.getKey() : where + "." + f.getKey();
                string(f.getKey(), where.isEmpty() ? "a member name" : "a member name in " + where);
                walk(f.getValue(), at);
            }
        }
    }

    private static void string(String s, String where) {
        if (s.length() > MAX_STRING) {
            throw ScimException.invalidValue(describe(where) + " has " + s.length() + " characters; at most "
                    + MAX_STRING + " are accepted");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw ScimException.invalidValue(describe(where) + " contains a NUL character (\\u0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ScimException.invalidValue(describe(where) + " is not valid Unicode (a lone surrogate at "
                        + i + ")");
            }
        }
    }

    private static String describe(String where) {
        return where.isEmpty() ? "the body" : where.startsWith("a member name") ? where : "'" + truncate(where) + "'";
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
