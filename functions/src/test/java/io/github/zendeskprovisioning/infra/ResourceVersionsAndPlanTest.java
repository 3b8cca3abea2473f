package io.github.zendeskprovisioning.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.infra.InfraSources.BicepResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Current API versions, the Flex Consumption plan and its deliberate scale settings, a valid host.json. */
class ResourceVersionsAndPlanTest {
    /**
     * The API version each resource type is declared with: current GA versions. Microsoft.Insights/components
     * has had no GA version since 2020-02-02 (later ones are previews), so it is the deliberate exception to
     * "2022 or later". Microsoft Graph Bicep types are versioned by Graph endpoint.
     */
    static final Map<String, String> ALLOWED = Map.ofEntries(
            entry("Microsoft.Storage/storageAccounts", "2023-05-01"),
            entry("Microsoft.Web/serverfarms", "2024-04-01"),
            entry("Microsoft.Web/sites", "2024-04-01"),
            entry("Microsoft.Web/sites/config", "2024-04-01"),
            entry("Microsoft.Web/sites/basicPublishingCredentialsPolicies", "2024-04-01"),
            entry("Microsoft.KeyVault/vaults", "2023-07-01"),
            entry("Microsoft.KeyVault/vaults/secrets", "2023-07-01"),
            entry("Microsoft.Authorization/roleAssignments", "2022-04-01"),
            entry("Microsoft.Network/virtualNetworks", "2024-05-01"),
            entry("Microsoft.Network/privateEndpoints", "2024-05-01"),
            entry("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "2024-05-01"),
            entry("Microsoft.Network/privateDnsZones", "2024-06-01"),
            entry("Microsoft.Network/privateDnsZones/virtualNetworkLinks", "2024-06-01"),
            entry("Microsoft.OperationalInsights/workspaces", "2023-09-01"),
            entry("Microsoft.Insights/components", "2020-02-02"),
            entry("Microsoft.Insights/actionGroups", "2023-01-01"),
            entry("Microsoft.Insights/scheduledQueryRules", "2023-12-01"),
            entry("Microsoft.Insights/workbooks", "2023-06-01"),
            entry("Microsoft.Graph/servicePrincipals", "v1.0"),
            entry("Microsoft.Graph/appRoleAssignedTo", "v1.0"));
    /** Zendesk rejects a new bulk job while 30 are queued or running for the account. */
    private static final int ZENDESK_MAX_QUEUED_JOBS = 30;

    private final InfraSources infra = InfraSources.locate();

    @Test
    void everyResourceIsDeclaredWithAnAllowedCurrentApiVersion() {
        List<BicepResource> resources = infra.resources();
        assertTrue(resources.size() > 15, "found the resources");
        for (BicepResource r : resources) {
            if (r.nested()) continue; // a nested child takes its parent's version
            String allowed = ALLOWED.get(r.type());
            assertEquals(allowed, r.apiVersion(), r.file() + ": " + r.symbol() + " '" + r.type() + "'");
            assertFalse(r.apiVersion().contains("preview"), r.symbol());
            if (!r.type().startsWith("Microsoft.Graph/") && !r.type().equals("Microsoft.Insights/components")) {
                assertTrue(Integer.parseInt(r.apiVersion().substring(0, 4)) >= 2022, r.symbol());
            }
        }
    }

    @Test
    void theFunctionAppRunsJavaOnTheFlexConsumptionPlan() {
        BicepResource plan = single("Microsoft.Web/serverfarms");
        String sku = InfraSources.objectProperty(plan.body(), "sku");
        assertEquals("'FC1'", InfraSources.entries(sku).get("name"));
        assertEquals("'FlexConsumption'", InfraSources.entries(sku).get("tier"));
        BicepResource site = single("Microsoft.Web/sites");
        assertTrue(site.body().contains("kind: 'functionapp,linux'"));
        assertTrue(site.body().contains("type: 'SystemAssigned'"));
        assertTrue(site.body().contains("httpsOnly: true"));
        String config = InfraSources.objectProperty(site.body(), "functionAppConfig");
        Map<String, String> runtime = InfraSources.entries(InfraSources.objectProperty(config, "runtime"));
        assertEquals("'java'", runtime.get("name"));
        assertTrue(infra.read("modules/function-app.bicep").contains("@allowed([ '17', '21' ])"));
    }

    @Test
    void functionAppConfigSetsThePackageLocationMemoryAndInstanceCountDeliberately() {
        String config = InfraSources.objectProperty(single("Microsoft.Web/sites").body(), "functionAppConfig");
        Map<String, String> storage = InfraSources.entries(InfraSources.objectProperty(config, "storage"));
        assertEquals("'blobContainer'", storage.get("type"));
        assertEquals("deploymentContainerUrl", storage.get("value"));
        assertTrue(config.contains("type: 'SystemAssignedIdentity'"), "the package is read with the identity");
        String scale = InfraSources.objectProperty(config, "scaleAndConcurrency");
        Map<String, String> entries = InfraSources.entries(scale);
        assertEquals("maximumInstanceCount", entries.get("maximumInstanceCount"));
        assertEquals("instanceMemoryMB", entries.get("instanceMemoryMB"));
        assertTrue(scale.contains("Zendesk"), "a comment says how parallelism respects Zendesk's limits");
        Map<String, String> main = InfraSources.params(infra.read("main.bicep"));
        assertEquals("2048", main.get("instanceMemoryMB"));
    }

    @Test
    void defaultParallelismStaysUnderZendesksQueuedJobLimit() throws Exception {
        JsonNode queues = hostJson().path("extensions").path("queues");
        int perInstance = queues.path("batchSize").asInt() + queues.path("newBatchThreshold").asInt();
        assertTrue(perInstance > 0, "host.json sets the queue batch sizes");
        int maxInstances = Integer.parseInt(InfraSources.params(infra.read("main.bicep")).get("maximumInstanceCount"));
        Matcher example = Pattern.compile("(?m)^param maximumInstanceCount = (\\d+)").matcher(infra.read("main.bicepparam"));
        assertTrue(example.find());
        assertTrue(maxInstances * perInstance <= ZENDESK_MAX_QUEUED_JOBS, maxInstances + " x " + perInstance);
        assertTrue(Integer.parseInt(example.group(1)) * perInstance <= ZENDESK_MAX_QUEUED_JOBS);
    }

    @Test
    void hostJsonIsValidJsonForFunctionsRuntimeVersion2() throws Exception {
        JsonNode host = hostJson();
        assertEquals("2.0", host.path("version").asText());
        assertTrue(host.path("extensionBundle").path("id").asText().startsWith("Microsoft.Azure.Functions.ExtensionBundle"));
    }

    @Test
    void everyModuleAndQueryFileReferencedExists() {
        infra.bicepFiles().forEach((file, text) -> {
            Matcher module = Pattern.compile("module\\s+\\w+\\s+'([^']+)'").matcher(text);
            while (module.find()) {
                assertTrue(infra.root().resolve(module.group(1)).toFile().isFile(), file + ": " + module.group(1));
            }
            Matcher load = Pattern.compile("loadTextContent\\('([^']+)'\\)").matcher(text);
            while (load.find()) {
                String relative = file.contains("/") ? "modules/" + load.group(1) : load.group(1);
                assertTrue(infra.root().resolve(relative).normalize().toFile().isFile(), file + ": " + load.group(1));
            }
        });
    }

    private JsonNode hostJson() throws Exception {
        return new ObjectMapper().readTree(InfraSources.read(infra.repositoryRoot().resolve("host.json")));
    }

    private BicepResource single(String type) {
        List<BicepResource> found = infra.resources().stream()
                .filter(r -> r.type().equals(type) && !r.existing()).toList();
        assertEquals(1, found.size(), type);
        return found.get(0);
    }
}
