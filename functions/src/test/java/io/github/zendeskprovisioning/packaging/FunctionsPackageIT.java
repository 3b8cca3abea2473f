package io.github.zendeskprovisioning.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Functions package that azure-functions-maven-plugin generated: one function.json per function, right bindings. */
class FunctionsPackageIT {
    private final Path root = Path.of(System.getProperty("functions.package"));
    private final ObjectMapper json = new ObjectMapper();

    private Map<String, JsonNode> functions() throws IOException {
        Map<String, JsonNode> result = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path f = d.resolve("function.json");
                if (Files.exists(f)) result.put(d.getFileName().toString(), json.readTree(f.toFile()));
            }
        }
        return result;
    }

    private static JsonNode trigger(JsonNode function) {
        for (JsonNode b : function.path("bindings")) {
            if (b.path("type").asText().endsWith("Trigger")) return b;
        }
        throw new AssertionError("no trigger binding in " + function);
    }

    @Test
    void everyFunctionHasAFunctionJsonPointingAtTheJar() throws IOException {
        Map<String, JsonNode> f = functions();
        assertEquals(java.util.Set.of("SyncTimer", "PlanWorker", "WorkWorker", "TestConnection", "Status", "Logs", "Sync",
                "Provision", "Restart", "ApproveDeletions", "Pause", "Resume", "Console", "Search", "Preview"), f.keySet());
        f.values().forEach(fn -> {
            assertEquals("../zendesk-provisioning.jar", fn.path("scriptFile").asText());
            assertTrue(fn.path("entryPoint").asText().startsWith("io.github.zendeskprovisioning.triggers."));
        });
        assertTrue(Files.exists(root.resolve("zendesk-provisioning.jar")));
        assertTrue(Files.exists(root.resolve("host.json")));
    }

    @Test
    void thePackageHoldsNoLocalSettingsJson() throws IOException {
        // In Azure the package root is the working directory; a local.settings.json there would be a second,
        // wrong source of settings (the sample points at Azurite).
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(java.util.List.of(), files.filter(p -> p.getFileName().toString().equals("local.settings.json"))
                    .map(p -> root.relativize(p).toString()).toList());
        }
    }

    @Test
    void theTimerRunsOnTheSyncScheduleSetting() throws IOException {
        JsonNode t = trigger(functions().get("SyncTimer"));
        assertEquals("timerTrigger", t.path("type").asText());
        assertEquals("%SYNC_SCHEDULE%", t.path("schedule").asText());
    }

    @Test
    void queueWorkersListenOnTheCycleQueuesOfTheHostStorage() throws IOException {
        Map<String, JsonNode> f = functions();
        assertEquals("provisioning-plan", trigger(f.get("PlanWorker")).path("queueName").asText());
        assertEquals("provisioning-work", trigger(f.get("WorkWorker")).path("queueName").asText());
        for (String name : java.util.List.of("PlanWorker", "WorkWorker")) {
            assertEquals("queueTrigger", trigger(f.get(name)).path("type").asText());
            assertEquals("AzureWebJobsStorage", trigger(f.get(name)).path("connection").asText());
        }
    }

    @Test
    void httpRoutesUseFunctionKeysAndTheDestructiveOnesTheAdminKey() throws IOException {
        Map<String, String[]> expected = Map.ofEntries(
                Map.entry("TestConnection", new String[]{"provisioning/test-connection", "post", "function"}),
                Map.entry("Status", new String[]{"provisioning/status", "get", "function"}),
                Map.entry("Logs", new String[]{"provisioning/logs", "get", "function"}),
                Map.entry("Sync", new String[]{"provisioning/sync", "post", "function"}),
                Map.entry("Provision", new String[]{"provisioning/provision", "post", "function"}),
                Map.entry("Restart", new String[]{"provisioning/restart", "post", "admin"}),
                Map.entry("ApproveDeletions", new String[]{"provisioning/approve-deletions", "post", "admin"}),
                Map.entry("Pause", new String[]{"provisioning/pause", "post", "function"}),
                Map.entry("Resume", new String[]{"provisioning/resume", "post", "function"}),
                Map.entry("Search", new String[]{"provisioning/search", "get", "function"}),
                Map.entry("Preview", new String[]{"provisioning/preview", "get", "function"}),
                // The console's static files: a browser cannot send a key with the page's script and style requests.
                Map.entry("Console", new String[]{"provisioning/console/{*path}", "get", "anonymous"}));
        Map<String, JsonNode> f = functions();
        expected.forEach((name, e) -> {
            JsonNode t = trigger(f.get(name));
            assertEquals("httpTrigger", t.path("type").asText(), name);
            assertEquals(e[0], t.path("route").asText(), name);
            assertEquals(e[1], t.path("methods").get(0).asText().toLowerCase(), name);
            assertEquals(e[2], t.path("authLevel").asText().toLowerCase(), name);
        });
    }
}
