package io.github.zendeskprovisioning.wiring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product as the Function App starts it in Azure: the app settings infra/modules/app-settings.bicep writes
 * (identity-based storage, the Key Vault reference already resolved to the secret's value by the platform), no
 * connection string, and a leftover local.settings.json pointing at Azurite in the working directory. Nothing
 * here contacts Azure: building the clients makes no request.
 */
class AzureAppSettingsWiringTest {
    private static final String TABLE = "https://stzdprov01.table.core.windows.net/";
    private static final String QUEUE = "https://stzdprov01.queue.core.windows.net/";

    @TempDir
    Path packageRoot;

    private Map<String, String> azureEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("WEBSITE_SITE_NAME", "zendesk-provisioning-abc");
        env.put("FUNCTIONS_WORKER_RUNTIME", "java");
        env.put("AzureWebJobsStorage__accountName", "stzdprov01");
        env.put("AzureWebJobsStorage__credential", "managedidentity");
        env.put("AzureWebJobsStorage__blobServiceUri", "https://stzdprov01.blob.core.windows.net/");
        env.put("AzureWebJobsStorage__queueServiceUri", QUEUE);
        env.put("AzureWebJobsStorage__tableServiceUri", TABLE);
        env.put("ZENDESK_SUBDOMAIN", "my-tenant");
        env.put("ZENDESK_BASE_URL", "");
        env.put("ZENDESK_OAUTH_CLIENT_ID", "entra_provisioning");
        env.put("ZENDESK_OAUTH_CLIENT_SECRET", "resolved-from-key-vault");
        env.put("ZENDESK_EMAIL", "");
        env.put("ZENDESK_API_TOKEN", "");
        env.put("ZENDESK_OAUTH_ACCESS_TOKEN", "");
        env.put("GRAPH_BASE_URL", "");
        env.put("GRAPH_ACCESS_TOKEN", "");
        env.put("PROVISIONING_SERVICE_PRINCIPAL_ID", "8f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b");
        env.put("PROVISIONING_SCOPE", "AssignedOnly");
        env.put("PROVISIONING_MAPPINGS", "");
        env.put("SYNC_SCHEDULE", "0 */40 * * * *");
        env.put("PROVISIONING_DELETE_THRESHOLD", "500");
        env.put("PROVISIONING_DRY_RUN", "false");
        env.put("NOTIFICATION_EMAIL", "zendesk-admins@contoso.com");
        return env;
    }

    @Test
    void azuresAppSettingsReachStorageWithTheManagedIdentityAtTheAccountsEndpoints() throws IOException {
        Files.writeString(packageRoot.resolve("local.settings.json"),
                "{\"Values\": {\"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\"}}");
        Settings settings = SettingsSource.load(packageRoot, azureEnvironment());

        assertFalse(settings.has(Settings.STORAGE), "no connection string, and none read from local.settings.json");
        assertEquals(new StorageTarget.ServiceUris(URI.create(TABLE), URI.create(QUEUE)), StorageTarget.of(settings));
        assertTrue(settings.problems().isEmpty(), settings.problems().toString());
        try (Product product = Wiring.build(settings)) {
            assertNotNull(product.stores().links());
            assertEquals("8f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b", product.engine().context().settings().servicePrincipalId());
        }
    }

    @Test
    void identityBasedStorageWinsOverAConnectionStringBesideIt() {
        Map<String, String> env = azureEnvironment();
        env.put("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        assertEquals(new StorageTarget.ServiceUris(URI.create(TABLE), URI.create(QUEUE)),
                StorageTarget.of(SettingsSource.functionsHost(env)));

        env.remove("AzureWebJobsStorage__tableServiceUri");
        assertEquals(new StorageTarget.AccountName("stzdprov01"), StorageTarget.of(SettingsSource.functionsHost(env)));
    }

    @Test
    void aConnectionStringAloneIsUsedAndNeverShown() {
        StorageTarget target = StorageTarget.of(new Settings(Map.of("AzureWebJobsStorage",
                "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0")));
        assertTrue(target instanceof StorageTarget.ConnectionString);
        assertFalse(target.toString().contains("c2VjcmV0"), target.toString());
    }
}
