package io.github.zendeskprovisioning.engine.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.mapping.expression.Expression;
import io.github.zendeskprovisioning.engine.mapping.expression.ExpressionException;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingClause;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingFilters;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingOperator;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON to {@link MappingConfiguration}, finding every problem at once: the JSON itself, then the schema (with
 * JSON pointers), then each expression (with its mapping and position), then the rules of the whole.
 */
final class MappingConfigurationReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Either a configuration or the problems that stop it. */
    record Outcome(MappingConfiguration configuration, List<ConfigurationProblem> problems) {
    }

    private MappingConfigurationReader() {
    }

    static Outcome read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            String message = e.getOriginalMessage();
            int detail = message.indexOf(" (for ");
            if (detail > 0) message = message.substring(0, detail); // Jackson's source excerpt says no more than line and column
            return failed(new ConfigurationProblem("", "not valid JSON: " + message + where));
        }
        if (root == null || !root.isObject()) return failed(new ConfigurationProblem("", "must be a JSON object"));
        List<ConfigurationProblem> problems = new ArrayList<>(MappingSchema.validate(root));
        List<AttributeMapping> users = mappings(root.get("users"), "users", problems);
        List<AttributeMapping> groups = mappings(root.get("groups"), "groups", problems);
        ScopingFilters filters = filters(root.get("scopingFilters"), problems);
        if (!problems.isEmpty()) return new Outcome(null, problems);
        MappingConfiguration d = MappingConfiguration.defaults();
        try {
            return new Outcome(new MappingConfiguration(users != null ? users : d.userMappings(), groups != null ? groups : d.groupMappings(),
                    filters, root.path("defaultAccessInScope").asBoolean(d.defaultAccessInScope()),
                    root.path("deleteGroups").asBoolean(d.deleteGroups())), List.of());
        } catch (MappingConfigurationException e) {
            return new Outcome(null, e.problems());
        }
    }

    private static Outcome failed(ConfigurationProblem problem) {
        return new Outcome(null, List.of(problem));
    }

    /** Null when the list is absent (defaults apply) or unusable (the schema has said why). */
    private static List<AttributeMapping> mappings(JsonNode list, String name, List<ConfigurationProblem> problems) {
        if (list == null || !list.isArray()) return null;
        List<AttributeMapping> result = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String pointer = "/" + name + "/" + i;
            Expression expression = null;
            if (n.path("expression").isTextual()) {
                try {
                    expression = Expression.parse(n.get("expression").asText());
                } catch (ExpressionException e) {
                    problems.add(new ConfigurationProblem(pointer + "/expression", "mapping " + (i + 1) + " (target '"
                            + n.path("target").asText("?") + "'): " + e.getMessage()));
                    complete = false;
                    continue;
                }
            }
            try {
                AttributeMapping mapping = new AttributeMapping(n.path("target").asText(null), sources(n.get("source")),
                        n.path("constant").isTextual() ? n.get("constant").asText() : null, expression,
                        "onCreate".equals(n.path("apply").asText()) ? ApplyWhen.ON_CREATE : ApplyWhen.ALWAYS,
                        n.path("default").isTextual() ? n.get("default").asText() : null);
                problems.addAll(MappingRules.attributeProblems(name, i, mapping));
                result.add(mapping);
            } catch (IllegalArgumentException e) {
                complete = false; // the schema names the shape that is wrong
            }
        }
        return complete ? result : null;
    }

    private static List<String> sources(JsonNode source) {
        List<String> sources = new ArrayList<>();
        if (source == null) return sources;
        if (source.isTextual()) sources.add(source.asText());
        else if (source.isArray()) source.forEach(x -> sources.add(x.asText()));
        return sources;
    }

    private static ScopingFilters filters(JsonNode list, List<ConfigurationProblem> problems) {
        if (list == null || !list.isArray()) return ScopingFilters.none();
        List<List<ScopingClause>> filters = new ArrayList<>();
        for (int f = 0; f < list.size(); f++) {
            List<ScopingClause> clauses = new ArrayList<>();
            JsonNode filter = list.get(f);
            for (int c = 0; c < filter.size(); c++) {
                JsonNode n = filter.get(c);
                var operator = ScopingOperator.byName(n.path("operator").asText());
                if (operator.isEmpty() || !n.path("attribute").isTextual()) continue; // the schema says why
                String value = n.path("value").isTextual() ? n.get("value").asText() : null;
                String problem = ScopingClause.problem(operator.get(), value);
                if (problem != null) {
                    problems.add(new ConfigurationProblem("/scopingFilters/" + f + "/" + c + (value == null ? "" : "/value"), problem));
                    continue;
                }
                ConfigurationProblem unknown = MappingRules.clauseAttributeProblem(f, c, n.get("attribute").asText());
                if (unknown != null) problems.add(unknown);
                clauses.add(new ScopingClause(n.get("attribute").asText(), operator.get(), value));
            }
            if (!clauses.isEmpty()) filters.add(clauses);
        }
        return new ScopingFilters(filters);
    }
}
