package io.scimserver.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimserver.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A bulk request (RFC 7644 §3.7) read from its body, which came through the same strict JSON reader and input bounds
 * as every other body. What makes the whole request unusable is refused before any operation runs: a body that is no
 * BulkRequest (400 invalidSyntax), more operations than {@code maxOperations} (413, §3.7.4), a {@code failOnErrors}
 * that is not a positive integer, or a bulkId named by two operations (400 invalidValue: a reference to it would be
 * ambiguous). A problem of one operation is that operation's answer only ({@link BulkOperation#problem()}).
 *
 * @param failOnErrors the number of errors after which no further operation runs; 0 when the client set none
 */
public record BulkRequest(int failOnErrors, List<BulkOperation> operations) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    public static BulkRequest read(JsonNode body, int maxOperations) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a bulk request is a JSON object: {\"schemas\":[\"" + SCHEMA
                    + "\"],\"Operations\":[...]}");
        }
        checkSchemas(BulkOperation.member(body, "schemas"));
        JsonNode ops = BulkOperation.member(body, "Operations");
        if (ops == null || !ops.isArray()) {
            throw ScimException.invalidSyntax("the bulk request needs \"Operations\", a list of operations"
                    + (ops == null ? "" : "; it is " + ops.getNodeType().name().toLowerCase()));
        }
        if (ops.size() > maxOperations) {
            throw new ScimException(413, null, "the bulk request has " + ops.size() + " operations; maxOperations is "
                    + maxOperations + " (ServiceProviderConfig bulk.maxOperations): split it into several requests");
        }
        List<BulkOperation> operations = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            operations.add(BulkOperation.read(ops.get(i), i));
        }
        refuseDuplicateBulkIds(operations);
        return new BulkRequest(failOnErrors(BulkOperation.member(body, "failOnErrors")), List.copyOf(operations));
    }

    private static void checkSchemas(JsonNode schemas) {
        if (schemas == null || schemas.isNull()) {
            return; // unambiguous without it; clients forget it, as they do on PATCH
        }
        if (schemas.isArray()) {
            for (JsonNode s : schemas) {
                if (s.isTextual() && s.asText().equalsIgnoreCase(SCHEMA)) {
                    return;
                }
            }
        }
        throw ScimException.invalidSyntax("\"schemas\" of a bulk request must list " + SCHEMA);
    }

    private static int failOnErrors(JsonNode n) {
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1) {
            throw ScimException.invalidValue("\"failOnErrors\" must be an integer of at least 1: the number of errors"
                    + " after which the remaining operations are not run");
        }
        return n.intValue();
    }

    private static void refuseDuplicateBulkIds(List<BulkOperation> operations) {
        Set<String> seen = new HashSet<>();
        for (BulkOperation op : operations) {
            if (op.bulkId() != null && !seen.add(op.bulkId())) {
                throw ScimException.invalidValue("bulkId \"" + op.bulkId() + "\" is named by more than one operation;"
                        + " each operation's bulkId must be unique within the request (RFC 7644 §3.7)");
            }
        }
    }
}
