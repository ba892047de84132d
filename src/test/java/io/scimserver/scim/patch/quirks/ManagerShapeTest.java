package io.scimserver.scim.patch.quirks;

import static io.scimserver.scim.patch.quirks.QuirkTesting.USER;
import static io.scimserver.scim.patch.quirks.QuirkTesting.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimserver.scim.patch.PatchOperation.Op;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManagerShapeTest {

    private final ManagerShape quirk = new ManagerShape();

    @ParameterizedTest
    @ValueSource(strings = {"\"m-1\"", "{\"value\":\"m-1\"}", "[{\"$ref\":\"../Users/m-1\",\"value\":\"m-1\"}]",
            "{\"value\":\"m-1\",\"$ref\":null}"})
    void everyShapeBecomesValueObject(String value) {
        assertEquals(List.of(op(Op.ADD, "manager", "{\"value\":\"m-1\"}")),
                quirk.rewrite(op(Op.ADD, "manager", value), USER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "[{\"value\":\"a\"},{\"value\":\"b\"}]"})
    void otherShapesAreLeftForTheInterpreterToJudge(String value) {
        var odd = op(Op.REPLACE, "manager", value);
        assertEquals(List.of(odd), quirk.rewrite(odd, USER));
    }
}
