package io.scimserver.scim.patch.quirks;

import static io.scimserver.scim.patch.quirks.QuirkTesting.USER;
import static io.scimserver.scim.patch.quirks.QuirkTesting.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathlessValueExpansionTest {

    private final PathlessValueExpansion quirk = new PathlessValueExpansion();

    @Test
    void expandsDottedAndUrnKeysIntoPathOperations() {
        assertEquals(List.of(
                op(Op.REPLACE, "displayName", "\"B\""),
                op(Op.REPLACE, "name.givenName", "\"K\""),
                op(Op.REPLACE, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "\"7\"")),
                quirk.rewrite(op(Op.REPLACE, null, """
                        {"displayName":"B","name.givenName":"K",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}"""), USER));
    }

    @Test
    void spreadsAnExtensionObject() {
        assertEquals(List.of(
                op(Op.ADD, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "\"R\""),
                op(Op.ADD, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "{\"value\":\"m\"}")),
                quirk.rewrite(op(Op.ADD, null, """
                        {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                           {"department":"R","manager":{"value":"m"}}}"""), USER));
    }

    @Test
    void keepsTheValueFilterOfAKey() {
        assertEquals(List.of(
                op(Op.REPLACE, "emails[type eq \"work\"].value", "\"n@x.com\""),
                op(Op.REPLACE, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "\"7\"")),
                quirk.rewrite(op(Op.REPLACE, null, """
                        {"emails[type eq \\"work\\"].value":"n@x.com",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7"}}"""), USER));
    }

    @Test
    void aKeyThatIsNoPathIsInvalidPath() {
        ScimException e = assertThrows(ScimException.class,
                () -> quirk.rewrite(op(Op.REPLACE, null, "{\"emails[type eq\":\"x\"}"), USER));
        assertEquals(ScimType.INVALID_PATH, e.scimType());
    }

    @Test
    void dropsEchoedSchemasIdAndMeta() {
        assertEquals(List.of(op(Op.REPLACE, "nickName", "\"N\"")), quirk.rewrite(op(Op.REPLACE, null, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","meta":{},"nickName":"N"}"""), USER));
    }

    @Test
    void leavesOperationsWithAPathAlone() {
        var withPath = op(Op.ADD, "emails", "[{\"value\":\"a@b\"}]");
        assertEquals(List.of(withPath), quirk.rewrite(withPath, USER));
    }
}
