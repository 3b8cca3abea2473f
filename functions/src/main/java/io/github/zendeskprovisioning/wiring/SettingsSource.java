package io.github.zendeskprovisioning.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where settings come from. On a developer's machine (the command line, {@code serve}): {@code
 * local.settings.json}'s {@code Values} in the working directory, when present, overridden by the environment.
 * Inside the Functions host: the environment only. There the app settings are environment variables, and a
 * {@code local.settings.json} that happened to sit in the package root (the working directory) would point
 * the app at Azurite.
 */
public final class SettingsSource {
    /**
     * Variables the Functions host sets for its worker ({@code FUNCTIONS_WORKER_RUNTIME}, also under {@code func
     * start}), or the platform sets on every instance in Azure ({@code WEBSITE_INSTANCE_ID}, {@code
     * WEBSITE_SITE_NAME}).
     */
    static final List<String> FUNCTIONS_HOST_MARKERS = List.of("FUNCTIONS_WORKER_RUNTIME", "WEBSITE_INSTANCE_ID",
            "WEBSITE_SITE_NAME");

    private SettingsSource() {
    }

    /** A developer's machine: local.settings.json (if any) under the environment, unless the environment is the Functions host's. */
    public static Settings load(Path workingDirectory, Map<String, String> environment) {
        if (insideFunctionsHost(environment)) return functionsHost(environment);
        Map<String, String> values = new HashMap<>(localSettings(workingDirectory.resolve("local.settings.json")));
        values.putAll(productSettings(environment));
        return new Settings(values);
    }

    /** Inside the Functions host: the app settings, which the host gives as environment variables; no file is read. */
    public static Settings functionsHost(Map<String, String> environment) {
        return new Settings(productSettings(environment));
    }

    public static Settings fromEnvironment() {
        return load(Path.of("").toAbsolutePath(), System.getenv());
    }

    static boolean insideFunctionsHost(Map<String, String> environment) {
        return FUNCTIONS_HOST_MARKERS.stream().anyMatch(name -> {
            String v = environment.get(name);
            return v != null && !v.isBlank();
        });
    }

    private static Map<String, String> productSettings(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        environment.forEach((k, v) -> {
            if (Settings.NAMES.contains(k) || k.startsWith(Settings.STORAGE + "__") || k.equals(Settings.ZENDESK_REQUESTS_PER_MINUTE)) {
                values.put(k, v);
            }
        });
        return values;
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
