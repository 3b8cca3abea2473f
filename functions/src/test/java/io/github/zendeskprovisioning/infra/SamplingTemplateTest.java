package io.github.zendeskprovisioning.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is sampled, in the two places that decide it: the Application Insights Java agent (the worker's
 * requests, dependencies, exceptions and log lines, the product's events among them), configured by
 * applicationinsights.json, which the Bicep hands to the agent; and host.json (the Functions host's own).
 */
class SamplingTemplateTest {
    private final InfraSources infra = InfraSources.locate();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode agentConfiguration() throws Exception {
        return json.readTree(Files.readString(infra.repositoryRoot().resolve("applicationinsights.json")));
    }

    @Test
    void theAgentSamplesNothing() throws Exception {
        JsonNode sampling = agentConfiguration().path("sampling");
        assertEquals(100, sampling.path("percentage").asInt(-1), "sampling.percentage");
        assertTrue(sampling.path("requestsPerSecond").isMissingNode(), "no rate-limited sampling (the agent's default)");
        for (JsonNode override : sampling.path("overrides")) {
            assertEquals(100, override.path("percentage").asInt(), "an override samples " + override);
        }
        assertEquals("INFO", agentConfiguration().path("instrumentation").path("logging").path("level").asText(),
                "the events are Information and Warning log lines");
        assertTrue(agentConfiguration().path("connectionString").isMissingNode(), "it comes from APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    @Test
    void theBicepGivesTheAgentThatConfiguration() {
        String settings = infra.read("modules/app-settings.bicep");
        Matcher m = Pattern.compile("(?m)^\\s*APPLICATIONINSIGHTS_CONFIGURATION_CONTENT:\\s*loadTextContent\\('([^']+)'\\)\\s*$").matcher(settings);
        assertTrue(m.find(), "APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: loadTextContent(...)");
        Path loaded = infra.root().resolve("modules").resolve(m.group(1)).normalize();
        assertEquals(infra.repositoryRoot().resolve("applicationinsights.json").normalize(), loaded);
        assertTrue(settings.contains("APPLICATIONINSIGHTS_ENABLE_AGENT: 'true'"));
    }

    @Test
    void theHostSamplesNeitherRequestsNorExceptionsNorEventsNorTraces() throws Exception {
        JsonNode host = json.readTree(Files.readString(infra.repositoryRoot().resolve("host.json")));
        JsonNode sampling = host.path("logging").path("applicationInsights").path("samplingSettings");
        Set<String> excluded = Set.of(sampling.path("excludedTypes").asText().split(";"));
        assertTrue(excluded.containsAll(List.of("Request", "Exception", "Event", "Trace")), excluded.toString());
    }

    @Test
    void theReadmeSaysWhatIsAndIsNotSampled() {
        String readme = InfraSources.read(infra.repositoryRoot().resolve("README.md"));
        assertTrue(readme.contains("applicationinsights.json"), "README names the agent's configuration");
        assertTrue(readme.contains("Only dependencies the Functions host itself records"), "README says what is sampled");
    }
}
