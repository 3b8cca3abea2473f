package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.zendeskprovisioning.engine.target.CustomRole;
import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskOrganization;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Zendesk's JSON records to the engine's records, and {@link ZendeskUserFields} to a user body. */
final class UserJson {
    /** The attributes read into {@link ZendeskUser#fields()}, besides {@code user_fields.<key>}. */
    static final List<String> FIELD_ATTRIBUTES = List.of("phone", "details", "notes", "locale", "alias", "time_zone");
    private static final String USER_FIELDS = "user_fields";

    private final ObjectMapper mapper;

    UserJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ZendeskUser user(JsonNode u) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : FIELD_ATTRIBUTES) {
            Object value = scalar(u.get(name));
            if (value != null) {
                fields.put(name, value);
            }
        }
        u.path(USER_FIELDS).fields().forEachRemaining(f -> {
            Object value = scalar(f.getValue());
            if (value != null) {
                fields.put(USER_FIELDS + "." + f.getKey(), value);
            }
        });
        List<String> tags = new ArrayList<>();
        u.path("tags").forEach(t -> tags.add(t.asText()));
        return new ZendeskUser(u.path("id").asLong(), text(u, "name"), text(u, "email"), text(u, "external_id"),
                text(u, "role"), u.hasNonNull("custom_role_id") ? u.get("custom_role_id").asLong() : null,
                u.path("suspended").asBoolean(false), u.path("active").asBoolean(true), fields,
                u.hasNonNull("organization_id") ? u.get("organization_id").asLong() : null, tags);
    }

    /**
     * The {@code user} object to send: {@code user_fields.x} nests into {@code user_fields}; {@code tags} (a list)
     * goes as an array, the whole set, and {@code organization_id} as a number.
     */
    ObjectNode body(ZendeskUserFields fields) {
        ObjectNode user = mapper.createObjectNode();
        for (Map.Entry<String, Object> e : fields.values().entrySet()) {
            String key = e.getKey();
            if (key.startsWith(USER_FIELDS + ".")) {
                user.withObjectProperty(USER_FIELDS).set(key.substring(USER_FIELDS.length() + 1), mapper.valueToTree(e.getValue()));
            } else if (key.equals(USER_FIELDS) && e.getValue() instanceof Map<?, ?> map) {
                ObjectNode nested = user.withObjectProperty(USER_FIELDS);
                map.forEach((k, v) -> nested.set(String.valueOf(k), mapper.valueToTree(v)));
            } else {
                user.set(key, mapper.valueToTree(e.getValue()));
            }
        }
        return user;
    }

    static ZendeskGroup group(JsonNode g) {
        return new ZendeskGroup(g.path("id").asLong(), text(g, "name"), text(g, "description"),
                g.path("deleted").asBoolean(false));
    }

    static ZendeskOrganization organization(JsonNode o) {
        return new ZendeskOrganization(o.path("id").asLong(), text(o, "name"));
    }

    static GroupMembership membership(JsonNode m) {
        return new GroupMembership(m.path("id").asLong(), m.path("user_id").asLong(), m.path("group_id").asLong());
    }

    static CustomRole customRole(JsonNode r) {
        return new CustomRole(r.path("id").asLong(), text(r, "name"),
                r.hasNonNull("role_type") ? r.get("role_type").asInt() : null);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** String, Boolean or Long, as the engine's records promise; other numbers as their text. */
    private static Object scalar(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue();
            return decimal.stripTrailingZeros().scale() <= 0 && decimal.abs().compareTo(new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE))) <= 0
                    ? (Object) decimal.longValue() : decimal.toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
