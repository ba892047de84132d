package io.scimserver.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.protocol.ScimException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * One operation of a bulk request as the client wrote it (RFC 7644 §3.7). An operation that cannot be run as written
 * (an unknown method, no path, no data for a write) carries the error it is answered with, and the others still run.
 *
 * @param index its position in the request, from 0
 * @param method POST, PUT, PATCH or DELETE (sent in any case); as sent, at most 16 characters, when it is none of them
 * @param bulkId the client's name for the resource a POST creates, which other operations use as {@code bulkId:<name>}
 * @param version an entity tag the resource must still have (as {@code If-Match}), or null
 * @param problem why the operation cannot run, or null
 */
public record BulkOperation(int index, String method, String bulkId, String path, String version, JsonNode data,
        ScimException problem) {

    public enum Method {
        POST, PUT, PATCH, DELETE
    }

    /** Longest bulkId accepted: enough for any client's naming scheme, short enough for an error or audit row. */
    static final int MAX_BULK_ID = 256;

    /** The method, for an operation without a problem. */
    public Method parsedMethod() {
        return Method.valueOf(method);
    }

    /**
     * True for a POST that names its resource: other operations may refer to it. A malformed one too: its dependents
     * then wait for it and are refused because it failed, not because their reference names nothing.
     */
    boolean definesBulkId() {
        return bulkId != null && "POST".equals(method);
    }

    static BulkOperation read(JsonNode json, int index) {
        if (json == null || !json.isObject()) {
            return new BulkOperation(index, null, null, null, null, null, ScimException.invalidSyntax(
                    "an operation must be a JSON object with \"method\", \"path\" and, except for DELETE, \"data\""));
        }
        JsonNode methodNode = member(json, "method");
        String method = methodNode != null && methodNode.isTextual()
                ? bounded(methodNode.asText().toUpperCase(Locale.ROOT), 16) : null;
        JsonNode bulkIdNode = member(json, "bulkId");
        String bulkId = bulkIdNode != null && bulkIdNode.isTextual() ? bulkIdNode.asText() : null;
        JsonNode pathNode = member(json, "path");
        String path = pathNode != null && pathNode.isTextual() ? pathNode.asText().strip() : null;
        JsonNode versionNode = member(json, "version");
        String version = versionNode != null && versionNode.isTextual() ? versionNode.asText() : null;
        JsonNode data = member(json, "data");
        String problem = problem(method, bulkIdNode, pathNode, versionNode, data);
        return new BulkOperation(index, method, bulkId == null ? null : bounded(bulkId, MAX_BULK_ID), path, version,
                data, problem == null ? null : ScimException.invalidSyntax(problem));
    }

    private static String problem(String method, JsonNode bulkId, JsonNode path, JsonNode version, JsonNode data) {
        if (method == null || !isMethod(method)) {
            return "\"method\" must be POST, PUT, PATCH or DELETE";
        }
        if (bulkId != null && !bulkId.isNull()
                && (!bulkId.isTextual() || bulkId.asText().isBlank() || bulkId.asText().length() > MAX_BULK_ID)) {
            return "\"bulkId\" must be a string of 1 to " + MAX_BULK_ID + " characters";
        }
        if (path == null || !path.isTextual() || path.asText().isBlank()) {
            return "\"path\" is required: /Users or /Groups for POST, /Users/{id} or /Groups/{id} otherwise";
        }
        if (version != null && !version.isNull() && !version.isTextual()) {
            return "\"version\" must be a string, the resource's entity tag such as W/\"3\"";
        }
        if (!method.equals("DELETE") && (data == null || !data.isObject())) {
            return method + " needs \"data\": the resource, or the PatchOp request for PATCH, as a JSON object";
        }
        return null;
    }

    private static boolean isMethod(String method) {
        for (Method m : Method.values()) {
            if (m.name().equals(method)) {
                return true;
            }
        }
        return false;
    }

    private static String bounded(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** A member matched in any case (RFC 7643 §2.1), as {@code Operations}, {@code op} and the rest are elsewhere. */
    static JsonNode member(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }
}
