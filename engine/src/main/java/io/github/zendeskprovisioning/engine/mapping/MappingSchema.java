package io.github.zendeskprovisioning.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The configuration's JSON Schema ({@value #RESOURCE}), applied with every error's JSON pointer. */
public final class MappingSchema {
    public static final String RESOURCE = "/io/github/zendeskprovisioning/engine/mapping/mapping-configuration.schema.json";
    private static final JsonSchema SCHEMA = load();

    private MappingSchema() {
    }

    /** The schema's text, for `mappings check --schema` and documentation. */
    public static String text() {
        try (InputStream in = MappingSchema.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ConfigurationProblem> validate(JsonNode configuration) {
        Set<ValidationMessage> messages = SCHEMA.validate(configuration);
        return messages.stream()
                .filter(m -> !coveredByOneOf(m))
                .map(m -> new ConfigurationProblem(m.getInstanceLocation().toString(), explain(m)))
                .distinct()
                .sorted(Comparator.comparing(ConfigurationProblem::pointer).thenComparing(ConfigurationProblem::message))
                .toList();
    }

    /** "required property 'source' not found" and its two siblings only repeat the oneOf message of the mapping. */
    private static boolean coveredByOneOf(ValidationMessage m) {
        return "required".equals(m.getType()) && m.getInstanceLocation().toString().matches("/(users|groups)/\\d+")
                && java.util.Set.of("source", "constant", "expression").contains(m.getProperty());
    }

    /** The validator's words, except where a plainer sentence says more (which of source/constant/expression). */
    private static String explain(ValidationMessage m) {
        String pointer = m.getInstanceLocation().toString();
        if ("oneOf".equals(m.getType()) && pointer.matches("/(users|groups)/\\d+")) {
            return "give exactly one of source, constant or expression";
        }
        if ("pattern".equals(m.getType()) && pointer.matches("/users/\\d+/target")) {
            return "unknown target " + m.getInstanceNode() + ": expected a Zendesk user attribute: " + ZendeskTargets.userTargetHelp();
        }
        if ("oneOf".equals(m.getType()) && pointer.endsWith("/source")) {
            return "must be an attribute name, or a list of them";
        }
        return m.getError();
    }

    private static JsonSchema load() {
        try (InputStream in = MappingSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
