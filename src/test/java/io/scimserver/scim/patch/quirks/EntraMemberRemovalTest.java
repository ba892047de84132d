package io.scimserver.scim.patch.quirks;

import static io.scimserver.scim.patch.quirks.QuirkTesting.GROUP;
import static io.scimserver.scim.patch.quirks.QuirkTesting.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimserver.scim.patch.PatchOperation;
import io.scimserver.scim.patch.PatchOperation.Op;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EntraMemberRemovalTest {

    private final EntraMemberRemoval quirk = new EntraMemberRemoval();

    @Test
    void rewritesRemoveWithValuesIntoOneValueFilterPerId() {
        assertEquals(List.of(op(Op.REMOVE, "members[value eq \"a\"]", null), op(Op.REMOVE, "members[value eq \"b\"]", null)),
                quirk.rewrite(op(Op.REMOVE, "members", "[{\"value\":\"a\"},{\"value\":\"b\"}]"), GROUP));
    }

    @Test
    void aSingleMemberWithThePathInAnyCase() {
        assertEquals(List.of(op(Op.REMOVE, "Members[value eq \"a\"]", null)),
                quirk.rewrite(op(Op.REMOVE, "Members", "[{\"value\":\"a\"}]"), GROUP));
    }

    @Test
    void tenThousandIdsBecomeAFlatListOfOperations() {
        String ids = IntStream.range(0, 10_000).mapToObj(i -> "{\"value\":\"id" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        List<PatchOperation> out = quirk.rewrite(op(Op.REMOVE, "members", ids), GROUP);
        assertEquals(10_000, out.size());
        assertEquals(op(Op.REMOVE, "members[value eq \"id9999\"]", null), out.get(9_999));
    }

    @Test
    void anEmptyListRemovesNothingRatherThanEverything() {
        assertEquals(List.of(), quirk.rewrite(op(Op.REMOVE, "members", "[]"), GROUP));
    }

    @Test
    void removeAllWithoutValueIsLeftAsTheRfcMeansIt() {
        var all = op(Op.REMOVE, "members", null);
        assertEquals(List.of(all), quirk.rewrite(all, GROUP));
    }
}
