package io.scimserver.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.Json;
import io.scimserver.scim.schema.SchemaRegistry;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.CompareOp;
import io.scimserver.scim.filter.Filter;
import io.scimserver.scim.filter.Literal;
import io.scimserver.scim.filter.PatchPath;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PATCH on groups: the RFC 7644 §3.5.2 member examples and ENTRA.md §7-8, §11. Members never enter the JSON; each
 * case states the expected {@link MembershipChange}.
 */
class PatchGroupCorpusTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.load();
    private static final String ENG = """
            {"displayName":"Eng","externalId":"0a1b"}""";
    private static final String BABS = "2819c223-7f76-453a-919d-413861904646";
    private static final String JAMES = "08e1d05d-121c-4561-8b96-473d93df9210";

    record Case(String name, String body, String after, MembershipChange change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static MembershipChange add(String... ids) {
        return new MembershipChange(Set.of(ids), Set.of(), false);
    }

    static MembershipChange remove(String... ids) {
        return new MembershipChange(Set.of(), Set.of(ids), false);
    }

    static MembershipChange clearThenAdd(String... ids) {
        return new MembershipChange(Set.of(ids), Set.of(), true);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("RFC add: members", """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members",
                          "value":[{"display":"Babs Jensen","$ref":"https://example.com/v2/Users/%s","value":"%s"}]}]}
                        """.formatted(BABS, BABS), ENG, add(BABS)),
                new Case("RFC remove: members[value eq id]", """
                        {"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}
                        """.formatted(BABS), ENG, remove(BABS)),
                new Case("RFC remove: all members", """
                        {"Operations":[{"op":"remove","path":"members"}]}
                        """, ENG, clearThenAdd()),
                new Case("RFC remove then add: replace all members", """
                        {"Operations":[{"op":"remove","path":"members"},
                          {"op":"add","path":"members","value":[
                            {"display":"Babs Jensen","$ref":"https://example.com/v2/Users/%s","value":"%s"},
                            {"display":"James Smith","$ref":"https://example.com/v2/Users/%s","value":"%s"}]}]}
                        """.formatted(BABS, BABS, JAMES, JAMES), ENG, clearThenAdd(BABS, JAMES)),
                new Case("RFC replace: members", """
                        {"Operations":[{"op":"replace","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]}
                        """.formatted(BABS, JAMES), ENG, clearThenAdd(BABS, JAMES)),
                new Case("remove several members joined by or", """
                        {"Operations":[{"op":"remove","path":"members[value eq \\"%s\\" or value eq \\"%s\\"]"}]}
                        """.formatted(BABS, JAMES), ENG, remove(BABS, JAMES)),
                new Case("Entra: Add members with $ref null", """
                        {"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"},
                                                                            {"$ref":null,"value":"%s"}]}]}
                        """.formatted(BABS, JAMES), ENG, add(BABS, JAMES)),
                new Case("Entra: Remove members with a value removes those members only", """
                        {"Operations":[{"op":"Remove","path":"members","value":[{"value":"%s"}]}]}
                        """.formatted(BABS), ENG, remove(BABS)),
                new Case("Entra: Remove members with an empty list removes nothing", """
                        {"Operations":[{"op":"Remove","path":"members","value":[]}]}
                        """, ENG, MembershipChange.NONE),
                new Case("Entra flag: remove members[value eq id]", """
                        {"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}
                        """.formatted(JAMES), ENG, remove(JAMES)),
                new Case("add then remove the same member cancels out", """
                        {"Operations":[{"op":"add","path":"members","value":[{"value":"%s"},{"value":"%s"}]},
                                       {"op":"remove","path":"members[value eq \\"%s\\"]"}]}
                        """.formatted(BABS, JAMES, BABS), ENG, new MembershipChange(Set.of(JAMES), Set.of(BABS), false)),
                new Case("Entra: rename group", """
                        {"Operations":[{"op":"Replace","path":"displayName","value":"Engineering"}]}
                        """, ENG.replace("Eng\"", "Engineering\""), MembershipChange.NONE),
                new Case("Entra flag: path-less rename", """
                        {"Operations":[{"op":"replace","value":{"id":"g1","displayName":"Engineering"}}]}
                        """, ENG.replace("Eng\"", "Engineering\""), MembershipChange.NONE),
                new Case("path-less add of members", """
                        {"Operations":[{"op":"add","value":{"members":[{"value":"%s"}]}}]}
                        """.formatted(BABS), ENG, add(BABS)),
                new Case("empty Operations", """
                        {"Operations":[]}
                        """, ENG, MembershipChange.NONE));
    }

    /** Entra's legacy removal of 10,000 members (the default patchMaxMembers) once overflowed the stack. */
    @Test
    void removesTenThousandMembersInEntrasLegacyForm() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> UUID.nameUUIDFromBytes(new byte[] {(byte) i,
                (byte) (i >> 8)}).toString()).toList();
        String body = ids.stream().map(id -> "{\"value\":\"" + id + "\"}").collect(Collectors.joining(",",
                "{\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[", "]}]}"));
        PatchResult result = new PatchInterpreter(REGISTRY.group(), 100).apply(Json.object(ENG), Json.parse(body));
        assertEquals(new MembershipChange(Set.of(), Set.copyOf(ids), false), result.membership());
    }

    /** A value filter of 10,000 ids joined by or, however the tree leans, is read without recursion. */
    @Test
    void removesMembersSelectedByALongOrChain() {
        Filter chain = null;
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add("id" + i);
            Filter eq = new Filter.Compare(AttrPath.of("value"), CompareOp.EQ, new Literal.Str("id" + i));
            chain = chain == null ? eq : new Filter.Or(chain, eq);
        }
        PatchOperation op = new PatchOperation(PatchOperation.Op.REMOVE,
                new PatchPath(AttrPath.of("members"), chain, null), null);
        PatchResult result = new PatchInterpreter(REGISTRY.group(), 100).applyOperations(Json.object(ENG), List.of(op));
        assertEquals(new MembershipChange(Set.of(), ids, false), result.membership());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesPatch(Case c) {
        ObjectNode before = Json.object(ENG);
        PatchResult result = new PatchInterpreter(REGISTRY.group(), 100).apply(before, Json.parse(c.body()));
        assertEquals(Json.parse(c.after()), result.resource());
        assertEquals(!Json.parse(ENG).equals(Json.parse(c.after())), result.changed(), "changed flag");
        assertEquals(c.change(), result.membership());
    }
}
