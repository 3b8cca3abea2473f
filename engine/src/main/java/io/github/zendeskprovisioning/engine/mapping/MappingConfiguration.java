package io.github.zendeskprovisioning.engine.mapping;

import io.github.zendeskprovisioning.engine.mapping.filters.ScopingFilters;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The attribute mappings and scoping filters, held as data (PROVISIONING_MAPPINGS, or these defaults). The
 * engine itself sets {@code external_id} (the Entra object id, the matching key), {@code role}/{@code
 * custom_role_id} (from assignments) and {@code suspended} (from scope); mappings cannot override those.
 *
 * <p>Defaults, as CONTRACT.md: {@code name} from displayName; {@code email} from mail, else
 * userPrincipalName, on create only (Zendesk adds a secondary identity when e-mail is written on update, it
 * does not replace the primary one); {@code phone} from the first business phone, else the mobile phone.
 * Groups: {@code name} from displayName, {@code description} from description. No scoping filters.
 */
public record MappingConfiguration(List<AttributeMapping> userMappings, List<AttributeMapping> groupMappings,
                                   ScopingFilters scopingFilters, boolean defaultAccessInScope, boolean deleteGroups) {
    /** Attributes the engine owns. */
    public static final Set<String> RESERVED = Set.of("external_id", "role", "custom_role_id", "suspended", "id");

    public MappingConfiguration {
        userMappings = List.copyOf(userMappings);
        groupMappings = List.copyOf(groupMappings);
        scopingFilters = scopingFilters == null ? ScopingFilters.none() : scopingFilters;
        List<ConfigurationProblem> problems = MappingRules.check(userMappings, groupMappings, scopingFilters);
        if (!problems.isEmpty()) throw new MappingConfigurationException(problems);
    }

    public MappingConfiguration(List<AttributeMapping> userMappings, List<AttributeMapping> groupMappings,
                                boolean defaultAccessInScope, boolean deleteGroups) {
        this(userMappings, groupMappings, ScopingFilters.none(), defaultAccessInScope, deleteGroups);
    }

    public static MappingConfiguration defaults() {
        return new MappingConfiguration(
                List.of(AttributeMapping.from("name", ApplyWhen.ALWAYS, "displayName"),
                        AttributeMapping.from("email", ApplyWhen.ON_CREATE, "mail", "userPrincipalName"),
                        AttributeMapping.from("phone", ApplyWhen.ALWAYS, "businessPhones", "mobilePhone")),
                List.of(AttributeMapping.from("name", ApplyWhen.ALWAYS, "displayName"),
                        AttributeMapping.from("description", ApplyWhen.ALWAYS, "description")),
                ScopingFilters.none(), false, false);
    }

    /**
     * Reads a mapping configuration from JSON (shape: CONTRACT.md and {@link MappingSchema#RESOURCE}). Omitted
     * parts keep the defaults.
     *
     * @throws MappingConfigurationException naming every problem with its JSON pointer
     */
    public static MappingConfiguration parse(String json) {
        MappingConfigurationReader.Outcome outcome = MappingConfigurationReader.read(json);
        if (!outcome.problems().isEmpty()) throw new MappingConfigurationException(outcome.problems());
        return outcome.configuration();
    }

    /**
     * A stable hash of what the configuration means: mappings in target order (their order has no effect),
     * sources in their order (first non-empty wins), scoping filters, the two switches. Kept with the watermark
     * so that a changed configuration makes the next cycle re-evaluate every user.
     */
    public String contentHash() {
        java.util.Map<String, Object> canonical = new java.util.TreeMap<>();
        canonical.put("users", canonical(userMappings));
        canonical.put("groups", canonical(groupMappings));
        canonical.put("scopingFilters", scopingFilters.filters().toString());
        canonical.put("defaultAccessInScope", defaultAccessInScope);
        canonical.put("deleteGroups", deleteGroups);
        return ValueHash.of(canonical);
    }

    private static String canonical(List<AttributeMapping> mappings) {
        return mappings.stream().sorted(java.util.Comparator.comparing(AttributeMapping::target))
                .map(m -> String.join("\u0003", m.target(), String.join("\u0004", m.sources()), String.valueOf(m.constant()),
                        m.expression() == null ? "\u0005" : m.expression().text(), m.applyWhen().name(), String.valueOf(m.defaultValue())))
                .collect(java.util.stream.Collectors.joining("\u0006"));
    }

    /** Every problem of a configuration, each with its JSON pointer; empty when it is usable. */
    public static List<ConfigurationProblem> check(String json) {
        return MappingConfigurationReader.read(json).problems();
    }

    /**
     * The Entra user attributes the user mappings and scoping filters read, so the Graph reader can select
     * exactly those ({@code objectId} is the user's id; {@code manager} and {@code appRoleAssignments} are not
     * user properties but need their own reads).
     */
    public Set<String> referencedUserAttributes() {
        Set<String> names = new LinkedHashSet<>();
        userMappings.forEach(m -> names.addAll(m.attributeNames()));
        names.addAll(scopingFilters.attributeNames());
        return names;
    }

    /** The Entra group attributes the group mappings read. */
    public Set<String> referencedGroupAttributes() {
        Set<String> names = new LinkedHashSet<>();
        groupMappings.forEach(m -> names.addAll(m.attributeNames()));
        return names;
    }
}
