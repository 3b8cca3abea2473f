package io.github.zendeskprovisioning.infra;

import io.github.zendeskprovisioning.infra.InfraSources.BicepResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Function App's app settings: every setting of the contract, no secret value in any of them. */
class AppSettingsTemplateTest {
    /** The configuration table of shared/CONTRACT.md. */
    static final List<String> CONTRACT_SETTINGS = List.of(
            "AzureWebJobsStorage", "ZENDESK_SUBDOMAIN", "ZENDESK_BASE_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN",
            "ZENDESK_OAUTH_CLIENT_ID", "ZENDESK_OAUTH_CLIENT_SECRET", "ZENDESK_OAUTH_ACCESS_TOKEN",
            "GRAPH_BASE_URL", "GRAPH_ACCESS_TOKEN", "PROVISIONING_SERVICE_PRINCIPAL_ID", "PROVISIONING_SCOPE",
            "PROVISIONING_MAPPINGS", "SYNC_SCHEDULE", "PROVISIONING_DELETE_THRESHOLD", "PROVISIONING_DRY_RUN",
            "NOTIFICATION_EMAIL", "PROVISIONING_LOG_RETENTION_DAYS", "PROVISIONING_SERVE_KEY");
    /** Settings of the local host alone: in Azure the platform's function keys take their place. */
    private static final Set<String> LOCAL_ONLY = Set.of("PROVISIONING_SERVE_KEY");
    private static final Set<String> SECRET_SETTINGS = Set.of(
            "ZENDESK_API_TOKEN", "ZENDESK_OAUTH_CLIENT_SECRET", "ZENDESK_OAUTH_ACCESS_TOKEN", "GRAPH_ACCESS_TOKEN");
    /** App settings the Flex Consumption plan rejects or ignores (it configures these through functionAppConfig). */
    private static final Set<String> NOT_ON_FLEX = Set.of(
            "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME_VERSION",
            "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
            "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "SCM_DO_BUILD_DURING_DEPLOYMENT", "AzureWebJobsStorage");

    private final InfraSources infra = InfraSources.locate();

    private Map<String, String> appSettings() {
        BicepResource config = infra.resources().stream()
                .filter(r -> r.type().equals("Microsoft.Web/sites/config") && r.body().contains("'appsettings'"))
                .findFirst().orElseThrow(() -> new AssertionError("no Microsoft.Web/sites/config 'appsettings'"));
        return InfraSources.entries(InfraSources.objectProperty(config.body(), "properties"));
    }

    @Test
    void everySettingOfTheContractIsSetOnTheFunctionApp() {
        Set<String> names = appSettings().keySet();
        for (String setting : CONTRACT_SETTINGS) {
            if (LOCAL_ONLY.contains(setting)) {
                assertFalse(names.contains(setting), setting + " belongs to the local host only");
            } else if (setting.equals("AzureWebJobsStorage")) {
                assertTrue(names.contains("AzureWebJobsStorage__accountName"), "identity-based AzureWebJobsStorage");
            } else {
                assertTrue(names.contains(setting), setting + " is not set in app-settings.bicep");
            }
        }
    }

    @Test
    void theSettingsListIsTheContractsConfigurationTable() {
        Path contract = infra.repositoryRoot().resolveSibling("shared").resolve("CONTRACT.md");
        assumeTrue(Files.isRegularFile(contract), "shared/CONTRACT.md beside the repository");
        String text = InfraSources.read(contract);
        String table = text.substring(text.indexOf("## Configuration"), text.indexOf("## HTTP endpoints"));
        Set<String> named = new LinkedHashSet<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `")) continue;
            Matcher m = Pattern.compile("`([A-Za-z_]+)`").matcher(line.substring(0, line.indexOf('|', 1)));
            while (m.find()) named.add(m.group(1));
        }
        assertEquals(Set.copyOf(CONTRACT_SETTINGS), named);
    }

    @Test
    void hostStorageIsReachedWithTheManagedIdentityThroughEveryServiceUri() {
        Map<String, String> settings = appSettings();
        assertEquals("'managedidentity'", settings.get("AzureWebJobsStorage__credential"));
        for (String key : List.of("AzureWebJobsStorage__accountName", "AzureWebJobsStorage__blobServiceUri",
                "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri")) {
            assertNotNull(settings.get(key), key);
            assertFalse(settings.get(key).startsWith("'"), key + " comes from the storage module, not a literal");
        }
        assertTrue(settings.containsKey("APPLICATIONINSIGHTS_CONNECTION_STRING"));
    }

    @Test
    void secretSettingsAreKeyVaultReferencesOrEmpty() {
        Map<String, String> settings = appSettings();
        String appSettingsFile = infra.read("modules/app-settings.bicep");
        Matcher reference = Pattern.compile("(?m)^var\\s+(\\w+)\\s*=\\s*'@Microsoft\\.KeyVault\\(SecretUri=\\$\\{\\w+}\\)'")
                .matcher(appSettingsFile);
        assertTrue(reference.find(), "a @Microsoft.KeyVault(SecretUri=...) reference variable");
        String referenceVar = reference.group(1);
        for (String secret : SECRET_SETTINGS) {
            String value = settings.get(secret);
            List<String> alternatives = new ArrayList<>();
            for (String part : value.split("[?:]")) alternatives.add(part.trim());
            String chosen = alternatives.get(alternatives.size() == 1 ? 0 : alternatives.size() - 2);
            String otherwise = alternatives.get(alternatives.size() - 1);
            assertEquals("''", otherwise, secret + " is empty unless its auth mode is chosen");
            assertTrue(chosen.equals("''") || chosen.equals(referenceVar), secret + " = " + value);
        }
        assertEquals("''", settings.get("GRAPH_ACCESS_TOKEN"), "Graph uses the managed identity in Azure");
    }

    @Test
    void noSettingTheFlexPlanRejectsAndNoHostConnectionString() {
        for (String name : appSettings().keySet()) assertFalse(NOT_ON_FLEX.contains(name), name);
    }

    @Test
    void nonSecretSettingsComeFromParametersWithSafeDefaults() {
        Map<String, String> main = InfraSources.params(infra.read("main.bicep"));
        assertEquals("'AssignedOnly'", main.get("provisioningScope"));
        assertEquals("'0 */40 * * * *'", main.get("syncSchedule"));
        assertEquals("500", main.get("deleteThreshold"));
        assertEquals("false", main.get("dryRun"));
        assertEquals("'oauthClientCredentials'", main.get("zendeskAuthMode"), "API tokens stop working on 2027-04-30");
        assertEquals("''", main.get("zendeskSecret"));
        assertTrue(InfraSources.isSecure(infra.read("main.bicep"), "zendeskSecret"));
        assertTrue(InfraSources.isSecure(infra.read("modules/key-vault.bicep"), "secretValue"));
        Map<String, String> settings = appSettings();
        assertEquals("string(deleteThreshold)", settings.get("PROVISIONING_DELETE_THRESHOLD"));
        assertEquals("dryRun ? 'true' : 'false'", settings.get("PROVISIONING_DRY_RUN"));
    }

    @Test
    void theZendeskBudgetIsOneParameterThatTheInstancesDivide() {
        String mainText = infra.read("main.bicep");
        assertEquals("700", InfraSources.params(mainText).get("zendeskRequestsPerMinute"));
        assertTrue(Pattern.compile("@minValue\\(10\\)\\s*param zendeskRequestsPerMinute int").matcher(mainText).find(),
                "below 10 a minute nothing useful gets done");
        Map<String, String> settings = appSettings();
        assertEquals("string(zendeskRequestsPerMinute)", settings.get("ZENDESK_REQUESTS_PER_MINUTE"));
        // The divisor is the very cap the plan scales to, so the instances together stay under the budget.
        assertEquals("string(maximumInstanceCount)", settings.get("PROVISIONING_MAX_INSTANCES"));
        Map<String, String> toAppSettings = moduleParams(mainText, "appSettings");
        assertEquals("zendeskRequestsPerMinute", toAppSettings.get("zendeskRequestsPerMinute"));
        assertEquals("maximumInstanceCount", toAppSettings.get("maximumInstanceCount"));
        assertEquals("maximumInstanceCount", moduleParams(mainText, "functionApp").get("maximumInstanceCount"));
        assertTrue(infra.read("main.bicepparam").contains("param zendeskRequestsPerMinute = "));
    }

    private static Map<String, String> moduleParams(String mainText, String symbol) {
        int at = mainText.indexOf("module " + symbol + " ");
        assertTrue(at >= 0, "module " + symbol + " in main.bicep");
        String module = InfraSources.block(mainText, mainText.indexOf('{', at));
        return InfraSources.entries(InfraSources.objectProperty(module, "params"));
    }

    @Test
    void exampleParametersNameOnlyDeclaredParametersAndEveryRequiredOne() {
        String mainText = infra.read("main.bicep");
        Map<String, String> declared = InfraSources.params(mainText);
        String example = infra.read("main.bicepparam");
        assertTrue(example.contains("using 'main.bicep'"));
        Matcher m = Pattern.compile("(?m)^param\\s+(\\w+)\\s*=\\s*(.+)$").matcher(example);
        Set<String> given = new LinkedHashSet<>();
        while (m.find()) {
            String name = m.group(1);
            given.add(name);
            assertTrue(declared.containsKey(name), name + " is not a parameter of main.bicep");
            if (InfraSources.isSecure(mainText, name)) {
                assertTrue(m.group(2).startsWith("readEnvironmentVariable("), name + " must come from the environment");
            }
        }
        declared.forEach((name, defaultValue) -> {
            if (defaultValue == null) assertTrue(given.contains(name), "required parameter " + name + " missing");
        });
    }
}
