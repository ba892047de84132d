package io.scimserver.scim.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.filter.PatchPath;
import io.scimserver.scim.patch.ValueFilters;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.AttributeDef.Returned;
import io.scimserver.scim.schema.AttributeLookup;
import io.scimserver.scim.schema.CommonAttributes;
import io.scimserver.scim.schema.ResolvedAttribute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shapes a resource for a response (RFC 7643 §2.4, RFC 7644 §3.9): {@code returned: always} attributes are kept,
 * {@code never} ones dropped, {@code request} ones only when {@code attributes} names them, {@code default} ones
 * unless excluded or unless {@code attributes} names others. Sub-attributes follow the same rules. Extension
 * attributes are looked up under their schema URN key. Attributes the schema does not know count as
 * {@code default}. An attribute named with a value filter ({@code attributes=emails[type eq "work"]}) keeps only the
 * values that match it.
 */
public final class ResourceShaper {

    private final AttributeLookup lookup;

    public ResourceShaper(AttributeLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * A new object holding what {@code selection} returns of {@code resource}, which is not changed. The values it
     * keeps whole are {@code resource}'s own nodes, not copies.
     */
    public ObjectNode shape(ObjectNode resource, AttributeSelection selection) {
        ObjectNode out = resource.objectNode();
        for (Map.Entry<String, JsonNode> field : resource.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (isExtension(key, value)) {
                extension(key, (ObjectNode) value, selection).ifPresent(shaped -> out.set(key, shaped));
            } else {
                Optional<ResolvedAttribute> resolved = CommonAttributes.resolve(lookup, AttrPath.of(key));
                String schemaId = resolved.map(r -> r.schema().id()).orElse(null);
                AttributeDef def = resolved.map(ResolvedAttribute::attribute).orElse(null);
                shapeAttribute(schemaId, key, def, value, selection).ifPresent(shaped -> out.set(key, shaped));
            }
        }
        return out;
    }

    /**
     * Whether the top-level attribute {@code attribute} (such as {@code members} or {@code groups}) appears in a
     * response shaped by {@code selection}, so storage can skip reading it, e.g. for
     * {@code excludedAttributes=members}.
     */
    public boolean isReturned(AttrPath attribute, AttributeSelection selection) {
        Optional<ResolvedAttribute> resolved = CommonAttributes.resolve(lookup,
                new AttrPath(attribute.schemaUrn(), attribute.name(), null));
        AttributeDef def = resolved.map(ResolvedAttribute::attribute).orElse(null);
        String name = def != null ? def.name() : attribute.name();
        String schemaId = resolved.map(r -> r.schema().id()).orElse(attribute.schemaUrn());
        boolean extension = resolved.map(r -> !CommonAttributes.isCore(r.schema())).orElse(false);
        if (extension && selection.isExplicit() && wholeExtension(schemaId, selection.attributes())) {
            return !(wholeAttribute(def) instanceof Pick.None);
        }
        if (extension && !selection.isExplicit() && wholeExtension(schemaId, selection.excludedAttributes())) {
            return false;
        }
        return !(pick(schemaId, name, def, selection) instanceof Pick.None);
    }

    /** Shorthand for {@link #isReturned(AttrPath, AttributeSelection)} on a core attribute name. */
    public boolean isReturned(String attribute, AttributeSelection selection) {
        return isReturned(AttrPath.of(attribute), selection);
    }

    private Optional<JsonNode> extension(String urn, ObjectNode value, AttributeSelection selection) {
        boolean whole = selection.isExplicit() && wholeExtension(urn, selection.attributes());
        if (!selection.isExplicit() && wholeExtension(urn, selection.excludedAttributes())) {
            return Optional.empty();
        }
        ObjectNode out = value.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            Optional<ResolvedAttribute> resolved = lookup.resolve(new AttrPath(urn, field.getKey(), null));
            AttributeDef def = resolved.map(ResolvedAttribute::attribute).orElse(null);
            (whole ? apply(wholeAttribute(def), def, field.getValue())
                    : shapeAttribute(urn, field.getKey(), def, field.getValue(), selection))
                    .ifPresent(shaped -> out.set(field.getKey(), shaped));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** What to keep of one attribute. */
    private sealed interface Pick {
        /** Nothing. */
        record None() implements Pick {
        }

        /** The whole value, minus {@code never} sub-attributes, and minus {@code request} ones unless asked. */
        record All(boolean withRequested) implements Pick {
        }

        /** Only these sub-attributes (lower-case names), plus {@code always} ones. */
        record Only(Set<String> subs) implements Pick {
        }

        /** All default sub-attributes but these (lower-case names). */
        record AllBut(Set<String> subs) implements Pick {
        }
    }

    private static Pick pick(String schemaId, String name, AttributeDef def, AttributeSelection selection) {
        Returned returned = def == null ? Returned.DEFAULT : def.returned();
        if (returned == Returned.NEVER) {
            return new Pick.None();
        }
        if (returned == Returned.ALWAYS) {
            return new Pick.All(false);
        }
        if (selection.isExplicit()) {
            List<AttrPath> asked = matching(selection.asked(), schemaId, name);
            if (asked.stream().anyMatch(p -> p.subAttr() == null)) {
                return new Pick.All(true);
            }
            return asked.isEmpty() ? new Pick.None() : new Pick.Only(subNames(asked));
        }
        if (returned == Returned.REQUEST) {
            return new Pick.None();
        }
        List<AttrPath> excluded = matching(selection.excludedAttributes(), schemaId, name);
        if (excluded.stream().anyMatch(p -> p.subAttr() == null)) {
            return new Pick.None();
        }
        return excluded.isEmpty() ? new Pick.All(false) : new Pick.AllBut(subNames(excluded));
    }

    private static Pick wholeAttribute(AttributeDef def) {
        return def != null && def.returned() == Returned.NEVER ? new Pick.None() : new Pick.All(false);
    }

    private static Optional<JsonNode> apply(Pick pick, AttributeDef def, JsonNode value) {
        return switch (pick) {
            case Pick.None none -> Optional.empty();
            case Pick.All all -> Optional.of(keepsEverySub(all, def) ? value : subAttributes(pick, def, value));
            case Pick.Only only -> nonEmpty(subAttributes(pick, def, value));
            case Pick.AllBut allBut -> nonEmpty(subAttributes(pick, def, value));
        };
    }

    /** The value with the sub-attributes {@code pick} keeps, element by element for multi-valued attributes. */
    private static JsonNode subAttributes(Pick pick, AttributeDef def, JsonNode value) {
        if (value instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                AttributeDef sub = def == null ? null : def.subAttribute(field.getKey()).orElse(null);
                if (keepsSub(pick, field.getKey(), sub)) {
                    out.set(field.getKey(), field.getValue());
                }
            }
            return out;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            for (JsonNode element : array) {
                JsonNode shaped = subAttributes(pick, def, element);
                if (!(pick instanceof Pick.Only || pick instanceof Pick.AllBut) || !isEmpty(shaped)) {
                    out.add(shaped);
                }
            }
            return out;
        }
        return pick instanceof Pick.Only ? NullNode.getInstance() : value;
    }

    /**
     * Whether {@code all} keeps every sub-attribute a value of {@code def} can have (one the schema does not define is
     * {@code default}), so the value as it is: the common case, which then costs no copy.
     */
    private static boolean keepsEverySub(Pick.All all, AttributeDef def) {
        if (def == null) {
            return true;
        }
        for (AttributeDef sub : def.subAttributes()) {
            Returned returned = sub.returned();
            if (returned == Returned.NEVER || (returned == Returned.REQUEST && !all.withRequested())) {
                return false;
            }
        }
        return true;
    }

    private static boolean keepsSub(Pick pick, String name, AttributeDef sub) {
        Returned returned = sub == null ? Returned.DEFAULT : sub.returned();
        if (returned == Returned.NEVER) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (pick) {
            case Pick.None none -> false;
            case Pick.All all -> returned != Returned.REQUEST || all.withRequested();
            case Pick.Only only -> only.subs().contains(lower) || returned == Returned.ALWAYS;
            case Pick.AllBut allBut -> returned == Returned.ALWAYS
                    || (!allBut.subs().contains(lower) && returned != Returned.REQUEST);
        };
    }

    private static Optional<JsonNode> nonEmpty(JsonNode value) {
        return isEmpty(value) ? Optional.empty() : Optional.of(value);
    }

    private static boolean isEmpty(JsonNode value) {
        return (value.isContainerNode() && value.isEmpty()) || value.isNull();
    }

    private static List<AttrPath> matching(List<AttrPath> paths, String schemaId, String name) {
        if (paths.isEmpty()) {
            return List.of(); // the common case (no attributes or excludedAttributes), for each attribute shaped
        }
        return paths.stream().filter(p -> names(p, schemaId, name)).toList();
    }

    private static boolean names(AttrPath path, String schemaId, String name) {
        return path.name().equalsIgnoreCase(name) && sameSchema(path.schemaUrn(), schemaId);
    }

    /**
     * What {@code selection} returns of one attribute. When {@code attributes} names it with value filters
     * ({@code emails[type eq "work"].value}), value by value: a value is returned with what the entries naming it
     * without a filter ask for, plus what each entry whose filter it matches asks for, and left out when nothing asks
     * for it. Attributes the schema does not define ignore value filters.
     */
    private static Optional<JsonNode> shapeAttribute(String schemaId, String name, AttributeDef def, JsonNode value,
            AttributeSelection selection) {
        List<PatchPath> filtered = selection.valueFilters().isEmpty() ? List.of()
                : selection.valueFilters().stream().filter(p -> names(p.attr(), schemaId, name)).toList();
        if (filtered.isEmpty() || def == null) {
            return apply(pick(schemaId, name, def, selection), def, value);
        }
        List<AttrPath> plain = matching(selection.attributes(), schemaId, name);
        if (!(value instanceof ArrayNode array)) {
            return shapeValue(schemaId, name, def, value, plain, filtered);
        }
        ArrayNode out = array.arrayNode();
        for (JsonNode element : array) {
            shapeValue(schemaId, name, def, element, plain, filtered).ifPresent(out::add);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static Optional<JsonNode> shapeValue(String schemaId, String name, AttributeDef def, JsonNode value,
            List<AttrPath> plain, List<PatchPath> filtered) {
        List<AttrPath> asked = new ArrayList<>(plain);
        filtered.stream().filter(p -> ValueFilters.matches(p.valueFilter(), value, def))
                .forEach(p -> asked.add(AttributeSelection.named(p)));
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        return apply(pick(schemaId, name, def, new AttributeSelection(asked, List.of())), def, value);
    }

    /** A path without URN matches any schema; {@code urn:...:core:2.0:User:id} matches the common attributes too. */
    private static boolean sameSchema(String pathUrn, String schemaId) {
        if (pathUrn == null || pathUrn.equalsIgnoreCase(schemaId)) {
            return true;
        }
        return schemaId == null && pathUrn.toLowerCase(Locale.ROOT).startsWith("urn:ietf:params:scim:schemas:core:");
    }

    private static Set<String> subNames(List<AttrPath> paths) {
        Set<String> names = new HashSet<>();
        paths.forEach(p -> names.add(p.subAttr().toLowerCase(Locale.ROOT)));
        return names;
    }

    /** {@code attributes=urn:...:enterprise:2.0:User} names the whole extension. */
    private static boolean wholeExtension(String urn, List<AttrPath> paths) {
        return paths.stream().anyMatch(p -> p.toString().equalsIgnoreCase(urn));
    }

    private static boolean isExtension(String key, JsonNode value) {
        return value.isObject() && key.regionMatches(true, 0, "urn:", 0, 4);
    }
}
