package io.scimserver.scim.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimserver.scim.filter.AttrPath;
import io.scimserver.scim.protocol.ScimException;
import io.scimserver.scim.schema.AttributeDef;
import io.scimserver.scim.schema.ResolvedAttribute;
import io.scimserver.scim.schema.ResourceType;
import io.scimserver.scim.schema.SchemaDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a POST or PUT body into the canonical stored resource. Tolerant of what Entra sends: {@code schemas},
 * {@code id}, {@code meta}, readOnly attributes ({@code groups}), unknown attributes and unknown or malformed
 * schema URIs are ignored; names in any case are accepted; URN-qualified top-level keys are folded into their
 * schema; the enterprise manager is read in each of Entra's shapes ({@link ManagerValue}). Strict on types ({@code 400 invalidValue} naming the attribute) and on required attributes.
 */
public final class ResourceNormalizer {

    private static final String PASSWORD = "password";
    private static final String MEMBERS = "members";

    private final ResourceType type;

    public ResourceNormalizer(ResourceType type) {
        this.type = type;
    }

    public NormalizedResource normalize(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("the request body must be a JSON object");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String[] password = {null};
        List<String> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            Optional<SchemaDef> extension = type.extension(field.getKey());
            if (extension.isPresent()) {
                if (field.getValue().isObject()) {
                    field.getValue().fields().forEachRemaining(f -> put(out, extensionPath(extension.get(), f.getKey()),
                            f.getValue(), password, members));
                }
                continue;
            }
            put(out, AttributeKeys.parse(field.getKey()), field.getValue(), password, members);
        }
        requireRequired(out);
        return new NormalizedResource(out, password[0], members);
    }

    private static AttrPath extensionPath(SchemaDef extension, String key) {
        AttrPath inner = AttributeKeys.parse(key);
        return new AttrPath(extension.id(), inner.name(), inner.subAttr());
    }

    private void put(ObjectNode out, AttrPath path, JsonNode value, String[] password, List<String> members) {
        Optional<ResolvedAttribute> resolved = type.resolve(path);
        if (resolved.isEmpty() || value == null || value.isNull()) {
            return;
        }
        ResolvedAttribute attr = resolved.get();
        AttributeDef top = attr.attribute();
        if (top.name().equals(PASSWORD) && attr.sub() == null) {
            JsonNode pw = ValueCoercer.coerce(top, value, PASSWORD);
            password[0] = pw == null ? null : pw.asText();
            return;
        }
        if (top.mutability() == AttributeDef.Mutability.READ_ONLY
                || attr.sub() != null && attr.sub().mutability() == AttributeDef.Mutability.READ_ONLY) {
            return;
        }
        if (top.name().equals(MEMBERS) && type.name().equals("Group")) {
            members.addAll(MemberIds.of(top, value));
            return;
        }
        if (attr.sub() == null && ManagerValue.isManager(top)) {
            if (ManagerValue.isEmpty(value)) {
                return;
            }
            JsonNode canonical = ManagerValue.canonical(value);
            value = canonical == null ? value : canonical;
        }
        ObjectNode holder = ResourceNodes.holder(out, type, attr, true);
        if (attr.sub() == null) {
            JsonNode v = ValueCoercer.coerce(top, value, top.name());
            if (v instanceof ObjectNode obj && holder.get(top.name()) instanceof ObjectNode existing) {
                existing.setAll(obj);
            } else if (v != null && !(v.isArray() && v.isEmpty())) {
                holder.set(top.name(), v); // an empty list is the same as no value (RFC 7643 §2.5)
            }
        } else if (!top.multiValued()) {
            JsonNode v = ValueCoercer.coerce(attr.sub(), value, top.name() + "." + attr.sub().name());
            if (v != null) {
                ObjectNode complex = holder.get(top.name()) instanceof ObjectNode o ? o : holder.putObject(top.name());
                complex.set(attr.sub().name(), v);
            }
        }
        ResourceNodes.pruneEmptyExtension(out, type, attr);
    }

    private void requireRequired(ObjectNode out) {
        for (AttributeDef def : type.schema().attributes()) {
            JsonNode v = out.get(def.name());
            if (def.required() && (v == null || v.isTextual() && v.asText().isBlank())) {
                throw ScimException.invalidValue("attribute '" + def.name() + "' is required for a " + type.name());
            }
        }
    }
}
