package io.github.zendeskprovisioning.wiring;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad PROVISIONING_MAPPINGS is a settings error: every command stops with exit 2 before anything is written. */
class MappingSettingsTest {
    private static final String BAD = "{\"users\": [{\"target\": \"email\", \"source\": \"mail\", \"apply\": \"onCreate\"},"
            + " {\"target\": \"name\", \"expression\": \"Join(\\\" \\\", [givenName],, \"}]}";

    @TempDir
    Path dir;

    private static Settings settings(String mappings) {
        Map<String, String> values = new HashMap<>(Map.of(
                Settings.ZENDESK_BASE_URL, "http://127.0.0.1:9", Settings.ZENDESK_EMAIL, "admin@example.com",
                Settings.ZENDESK_API_TOKEN, "token", Settings.SCOPE, "AllUsersAndGroups",
                Settings.GRAPH_BASE_URL, "http://127.0.0.1:9", Settings.GRAPH_ACCESS_TOKEN, "graph-token"));
        values.put(Settings.MAPPINGS, mappings);
        return new Settings(values);
    }

    @Test
    void anInlineConfigurationWithABadExpressionStopsTheBuildNamingMappingAndPosition() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Wiring.build(settings(BAD), InMemoryStateStores.create(), ProvisioningObserver.NONE));
        assertEquals("PROVISIONING_MAPPINGS is not usable: /users/1/expression: mapping 2 (target 'name'): expected a function,"
                + " an attribute in [ ], a string or a number, found the end of the expression at column 25", e.getMessage());
    }

    @Test
    void aConfigurationFileWithASchemaErrorStopsTheBuildNamingTheFile() throws IOException {
        Path f = dir.resolve("mappings.json");
        Files.writeString(f, "{\"groups\": [{\"target\": \"title\", \"source\": \"displayName\"}]}");
        SettingsException e = assertThrows(SettingsException.class, () -> Wiring.engineSettings(settings(f.toString())));
        assertTrue(e.getMessage().startsWith("PROVISIONING_MAPPINGS is not usable: /groups/0/target: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(in " + f + ")"), e.getMessage());
    }

    @Test
    void aValidConfigurationCarriesItsScopingFilters() {
        String json = "{\"scopingFilters\": [[{\"attribute\": \"department\", \"operator\": \"EQUALS\", \"value\": \"Support\"}]]}";
        assertEquals(1, Wiring.engineSettings(settings(json)).mappings().scopingFilters().filters().size());
    }
}
