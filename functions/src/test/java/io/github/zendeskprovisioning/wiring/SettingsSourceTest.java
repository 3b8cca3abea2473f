package io.github.zendeskprovisioning.wiring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class SettingsSourceTest {
    @TempDir
    Path dir;

    private void localSettings() throws IOException {
        Files.writeString(dir.resolve("local.settings.json"), """
                {"IsEncrypted": false, "Values": {"AzureWebJobsStorage": "UseDevelopmentStorage=true",
                 "ZENDESK_SUBDOMAIN": "my-tenant", "PROVISIONING_SCOPE": "AllUsersAndGroups"}}""");
    }

    @Test
    void onADevelopersMachineLocalSettingsJsonIsReadAndTheEnvironmentWins() throws IOException {
        localSettings();
        Settings s = SettingsSource.load(dir, Map.of("ZENDESK_SUBDOMAIN", "from-env", "PATH", "/usr/bin"));
        assertEquals("UseDevelopmentStorage=true", s.get(Settings.STORAGE));
        assertEquals("from-env", s.get(Settings.ZENDESK_SUBDOMAIN));
        assertFalse(s.has("PATH"));
    }

    @Test
    void insideTheFunctionsHostLocalSettingsJsonIsNeverRead() throws IOException {
        localSettings();
        for (String marker : SettingsSource.FUNCTIONS_HOST_MARKERS) {
            Settings s = SettingsSource.load(dir, Map.of(marker, "java", "ZENDESK_SUBDOMAIN", "from-app-settings"));
            assertNull(s.get(Settings.STORAGE), marker);
            assertNull(s.get(Settings.SCOPE), marker);
            assertEquals("from-app-settings", s.get(Settings.ZENDESK_SUBDOMAIN), marker);
        }
    }

    @Test
    void theTriggersSettingsAreTheAppSettingsAlone() throws IOException {
        localSettings();
        Settings s = SettingsSource.functionsHost(Map.of("AzureWebJobsStorage__accountName", "zdprov01"));
        assertEquals(Map.of("AzureWebJobsStorage__accountName", "zdprov01"), s.values());
    }
}
