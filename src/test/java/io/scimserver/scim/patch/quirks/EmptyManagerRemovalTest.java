package io.scimserver.scim.patch.quirks;

import static io.scimserver.scim.patch.quirks.QuirkTesting.USER;
import static io.scimserver.scim.patch.quirks.QuirkTesting.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimserver.scim.patch.PatchOperation.Op;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmptyManagerRemovalTest {

    private static final String MANAGER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";
    private final EmptyManagerRemoval quirk = new EmptyManagerRemoval();

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "{\"value\":\"\"}", "[{\"value\":\"\"}]", "[]"})
    void replaceWithEmptyBecomesRemove(String empty) {
        assertEquals(List.of(op(Op.REMOVE, MANAGER, null)), quirk.rewrite(op(Op.REPLACE, MANAGER, empty), USER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"m-1\"", "{\"value\":\"m-1\"}"})
    void realManagersAreLeftAlone(String value) {
        var set = op(Op.REPLACE, "manager", value);
        assertEquals(List.of(set), quirk.rewrite(set, USER));
    }
}
