package io.github.zendeskprovisioning.engine.mapping;

import io.github.zendeskprovisioning.engine.mapping.expression.Expression;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingClause;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingFilters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules a whole configuration must keep, beyond its JSON shape: targets Zendesk has, each once; e-mail
 * and group name mapped; e-mail only on create; every attribute named one that Entra carries. Problems carry
 * the JSON pointer of the mapping or clause, and for expressions the position of the attribute.
 */
final class MappingRules {
    private MappingRules() {
    }

    static List<ConfigurationProblem> check(List<AttributeMapping> users, List<AttributeMapping> groups, ScopingFilters filters) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        mappings("users", users, problems, ZendeskTargets::isUserTarget, "a Zendesk user attribute: " + ZendeskTargets.userTargetHelp());
        mappings("groups", groups, problems, ZendeskTargets::isGroupTarget,
                "a Zendesk group attribute: " + String.join(", ", ZendeskTargets.GROUP_ATTRIBUTES));
        for (int i = 0; i < users.size(); i++) {
            AttributeMapping m = users.get(i);
            if (MappingConfiguration.RESERVED.contains(m.target())) {
                problems.add(new ConfigurationProblem("/users/" + i + "/target", "the user attribute '" + m.target()
                        + "' is set by the engine and cannot be mapped"));
            }
            if (m.target().equals("email") && m.applyWhen() != ApplyWhen.ON_CREATE) {
                problems.add(new ConfigurationProblem("/users/" + i + "/apply", "email can only be written on create (\"apply\": \"onCreate\"):"
                        + " on an update Zendesk adds a second identity instead of changing the primary e-mail"));
            }
        }
        if (users.stream().noneMatch(m -> m.target().equals("email"))) {
            problems.add(new ConfigurationProblem("/users", "the user mappings must map 'email' (Zendesk needs it to create users)"));
        }
        if (groups.stream().noneMatch(m -> m.target().equals("name"))) {
            problems.add(new ConfigurationProblem("/groups", "the group mappings must map 'name'"));
        }
        for (int f = 0; f < filters.filters().size(); f++) {
            List<ScopingClause> clauses = filters.filters().get(f);
            for (int c = 0; c < clauses.size(); c++) {
                ConfigurationProblem p = clauseAttributeProblem(f, c, clauses.get(c).attribute());
                if (p != null) problems.add(p);
            }
        }
        return problems;
    }

    /** Null when a scoping clause names an attribute users carry. */
    static ConfigurationProblem clauseAttributeProblem(int filter, int clause, String attribute) {
        if (EntraUserAttributes.isUserAttribute(attribute)) return null;
        return new ConfigurationProblem("/scopingFilters/" + filter + "/" + clause + "/attribute", "unknown attribute '"
                + attribute + "': expected " + EntraUserAttributes.userAttributeHelp());
    }

    /** Attributes a mapping reads that the object does not carry, each at its source or expression position. */
    static List<ConfigurationProblem> attributeProblems(String list, int i, AttributeMapping m) {
        boolean users = list.equals("users");
        Predicate<String> attribute = users ? EntraUserAttributes::isUserAttribute : EntraUserAttributes::isGroupAttribute;
        String help = users ? EntraUserAttributes.userAttributeHelp() : EntraUserAttributes.groupAttributeHelp();
        String at = "/" + list + "/" + i;
        String name = "mapping " + (i + 1) + " (target '" + m.target() + "')";
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (int s = 0; s < m.sources().size(); s++) {
            String source = m.sources().get(s);
            if (!attribute.test(source)) {
                String pointer = at + "/source" + (m.sources().size() > 1 ? "/" + s : "");
                problems.add(new ConfigurationProblem(pointer, name + ": unknown attribute '" + source + "': expected " + help));
            }
        }
        if (m.expression() != null) {
            for (Expression.AttributeReference ref : m.expression().attributes()) {
                if (!attribute.test(ref.name())) {
                    problems.add(new ConfigurationProblem(at + "/expression", name + ": unknown attribute [" + ref.name() + "] at "
                            + ref.where() + ": expected " + help));
                }
            }
        }
        return problems;
    }

    private static void mappings(String list, List<AttributeMapping> mappings, List<ConfigurationProblem> problems,
                                 Predicate<String> target, String targetHelp) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            AttributeMapping m = mappings.get(i);
            String at = "/" + list + "/" + i;
            if (!target.test(m.target())) {
                problems.add(new ConfigurationProblem(at + "/target", "unknown target '" + m.target() + "': expected " + targetHelp));
            } else if (!seen.add(m.target())) {
                problems.add(new ConfigurationProblem(at + "/target", "target '" + m.target() + "' is mapped more than once"));
            }
            problems.addAll(attributeProblems(list, i, m));
        }
    }
}
