package io.github.zendeskprovisioning.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where settings come from, as the Functions host does it: {@code local.settings.json}'s {@code Values} (in
 * the working directory, when present), overridden by the environment (in Azure, app settings are environment
 * variables).
 */
public final class SettingsSource {
    private SettingsSource() {
    }

    public static Settings load(Path workingDirectory, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>(localSettings(workingDirectory.resolve("local.settings.json")));
        environment.forEach((k, v) -> {
            if (Settings.NAMES.contains(k) || k.startsWith("AzureWebJobsStorage__") || k.equals(Settings.ZENDESK_REQUESTS_PER_MINUTE)) {
                values.put(k, v);
            }
        });
        return new Settings(values);
    }

    public static Settings fromEnvironment() {
        return load(Path.of("").toAbsolutePath(), System.getenv());
    }

    static Map<String, String> localSettings(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) return values;
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode v = root.path("Values");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), e.getValue().asText());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Only the position: the parser's message may quote the text around it, which can be a secret.
            var at = e.getLocation();
            throw new SettingsException(file + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new SettingsException(file + " cannot be read: " + e.getClass().getSimpleName());
        }
        return values;
    }
}
