package io.github.zendeskprovisioning.engine.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The attribute mappings, held as data (PROVISIONING_MAPPINGS, or these defaults). The engine itself sets
 * {@code external_id} (the Entra object id, the matching key), {@code role}/{@code custom_role_id} (from
 * assignments) and {@code suspended} (from scope); mappings cannot override those.
 *
 * <p>Defaults, as CONTRACT.md: {@code name} from displayName; {@code email} from mail, else
 * userPrincipalName, on create only (Zendesk adds a secondary identity when e-mail is written on update, it
 * does not replace the primary one); {@code phone} from the first business phone, else the mobile phone.
 * Groups: {@code name} from displayName, {@code description} from description.
 */
public record MappingConfiguration(List<AttributeMapping> userMappings, List<AttributeMapping> groupMappings,
                                   boolean defaultAccessInScope, boolean deleteGroups) {
    /** Attributes the engine owns. */
    public static final Set<String> RESERVED = Set.of("external_id", "role", "custom_role_id", "suspended", "id");

    public MappingConfiguration {
        userMappings = List.copyOf(userMappings);
        groupMappings = List.copyOf(groupMappings);
        for (AttributeMapping m : userMappings) {
            if (RESERVED.contains(m.target())) {
                throw new IllegalArgumentException("the user attribute '" + m.target()
                        + "' is set by the engine and cannot be mapped");
            }
        }
        if (userMappings.stream().noneMatch(m -> m.target().equals("email"))) {
            throw new IllegalArgumentException("the user mappings must map 'email' (Zendesk needs it to create users)");
        }
        if (groupMappings.stream().noneMatch(m -> m.target().equals("name"))) {
            throw new IllegalArgumentException("the group mappings must map 'name'");
        }
    }

    public static MappingConfiguration defaults() {
        return new MappingConfiguration(
                List.of(AttributeMapping.from("name", ApplyWhen.ALWAYS, "displayName"),
                        AttributeMapping.from("email", ApplyWhen.ON_CREATE, "mail", "userPrincipalName"),
                        AttributeMapping.from("phone", ApplyWhen.ALWAYS, "businessPhones", "mobilePhone")),
                List.of(AttributeMapping.from("name", ApplyWhen.ALWAYS, "displayName"),
                        AttributeMapping.from("description", ApplyWhen.ALWAYS, "description")),
                false, false);
    }

    /**
     * Reads a mapping configuration from JSON:
     * <pre>{"users": [{"target": "name", "source": ["displayName"], "apply": "always"}, ...],
     *  "groups": [...], "defaultAccessInScope": false, "deleteGroups": false}</pre>
     * {@code source} is one attribute name or a list tried in order; {@code constant} and {@code default}
     * are optional; {@code apply} is {@code always} (default) or {@code onCreate}. Omitted lists keep the defaults.
     */
    public static MappingConfiguration parse(String json) {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("PROVISIONING_MAPPINGS is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("PROVISIONING_MAPPINGS must be a JSON object");
        MappingConfiguration d = defaults();
        return new MappingConfiguration(
                root.has("users") ? mappings(root.get("users"), "users") : d.userMappings(),
                root.has("groups") ? mappings(root.get("groups"), "groups") : d.groupMappings(),
                root.path("defaultAccessInScope").asBoolean(d.defaultAccessInScope()),
                root.path("deleteGroups").asBoolean(d.deleteGroups()));
    }

    private static List<AttributeMapping> mappings(JsonNode list, String where) {
        if (!list.isArray()) throw new IllegalArgumentException("PROVISIONING_MAPPINGS: '" + where + "' must be a list");
        List<AttributeMapping> result = new ArrayList<>();
        for (JsonNode n : list) {
            List<String> sources = new ArrayList<>();
            JsonNode s = n.path("source");
            if (s.isTextual()) sources.add(s.asText());
            else if (s.isArray()) s.forEach(x -> sources.add(x.asText()));
            String apply = n.path("apply").asText("always").toLowerCase(Locale.ROOT);
            ApplyWhen when = switch (apply) {
                case "always" -> ApplyWhen.ALWAYS;
                case "oncreate", "on_create", "on-create", "onlyoncreate" -> ApplyWhen.ON_CREATE;
                default -> throw new IllegalArgumentException("PROVISIONING_MAPPINGS: apply must be 'always' or 'onCreate', not '" + apply + "'");
            };
            result.add(new AttributeMapping(n.path("target").asText(null), sources,
                    n.hasNonNull("constant") ? n.get("constant").asText() : null, when,
                    n.hasNonNull("default") ? n.get("default").asText() : null));
        }
        return result;
    }
}
