package io.scimserver.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Path-less add/replace (RFC 7644 §3.5.2.1, §3.5.2.3), expanded by the interpreter itself for every client. */
class PathlessValuesTest {

    static final io.scimserver.scim.schema.ResourceType USER = io.scimserver.scim.schema.SchemaRegistry.load().user();

    static PatchOperation op(Op op, String path, String valueJson) {
        return new PatchOperation(op, path == null ? null : io.scimserver.scim.filter.FilterParser.parsePath(path),
                valueJson == null ? null : io.scimserver.scim.Json.parse(valueJson));
    }



    @Test
    void expandsDottedAndUrnKeysIntoPathOperations() {
        assertEquals(List.of(
                op(Op.REPLACE, "displayName", "\"B\""),
                op(Op.REPLACE, "name.givenName", "\"K\""),
                op(Op.REPLACE, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "\"7\"")),
                PathlessValues.expand(op(Op.REPLACE, null, """
                        {"displayName":"B","name.givenName":"K",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}"""), USER));
    }

    @Test
    void spreadsAnExtensionObject() {
        assertEquals(List.of(
                op(Op.ADD, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "\"R\""),
                op(Op.ADD, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "{\"value\":\"m\"}")),
                PathlessValues.expand(op(Op.ADD, null, """
                        {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                           {"department":"R","manager":{"value":"m"}}}"""), USER));
    }

    @Test
    void keepsTheValueFilterOfAKey() {
        assertEquals(List.of(
                op(Op.REPLACE, "emails[type eq \"work\"].value", "\"n@x.com\""),
                op(Op.REPLACE, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "\"7\"")),
                PathlessValues.expand(op(Op.REPLACE, null, """
                        {"emails[type eq \\"work\\"].value":"n@x.com",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7"}}"""), USER));
    }

    @Test
    void aKeyThatIsNoPathIsInvalidPath() {
        ScimException e = assertThrows(ScimException.class,
                () -> PathlessValues.expand(op(Op.REPLACE, null, "{\"emails[type eq\":\"x\"}"), USER));
        assertEquals(ScimType.INVALID_PATH, e.scimType());
    }

    @Test
    void dropsEchoedSchemasIdAndMeta() {
        assertEquals(List.of(op(Op.REPLACE, "nickName", "\"N\"")), PathlessValues.expand(op(Op.REPLACE, null, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","meta":{},"nickName":"N"}"""), USER));
    }

    @Test
    void leavesOperationsWithAPathAlone() {
        var withPath = op(Op.ADD, "emails", "[{\"value\":\"a@b\"}]");
        assertEquals(List.of(withPath), PathlessValues.expand(withPath, USER));
    }
}
