package io.scimserver.scim.patch.quirks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scimserver.scim.patch.PatchOperation.Op;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.protocol.ScimType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpNameCaseTest {

    @ParameterizedTest
    @CsvSource({"add,ADD", "Add,ADD", "ADD,ADD", "replace,REPLACE", "Replace,REPLACE", "remove,REMOVE",
            "Remove,REMOVE", "rEmOvE,REMOVE"})
    void readsAnyCase(String name, Op expected) {
        assertEquals(expected, OpNameCase.parse(name, 1));
    }

    @ParameterizedTest
    @CsvSource({"move", "copy", "test", "''"})
    void rejectsUnknownOperations(String name) {
        ScimException e = assertThrows(ScimException.class, () -> OpNameCase.parse(name, 2));
        assertEquals(ScimType.INVALID_SYNTAX, e.scimType());
        assertEquals(true, e.detail().contains("operation 2"));
    }
}
