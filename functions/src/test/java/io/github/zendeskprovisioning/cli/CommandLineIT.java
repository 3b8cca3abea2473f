package io.github.zendeskprovisioning.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import io.github.zendeskprovisioning.wiring.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable jar as an admin uses it: every command of CONTRACT.md, run as a separate process with its
 * settings in the environment, against both simulators and Azure Storage on Azurite. One scenario, in order.
 */
@ExtendWith(AzuriteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineIT {
    private static final String JAR = System.getProperty("product.jar");
    private static final String SERVE_KEY = "serve-key-for-the-cli-test-5f1d";
    private final SimulatedWorld world = SimulatedWorld.demo(0);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> env = new HashMap<>();
    private final Path workDir;

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    CommandLineIT(AzuriteExtension.Azurite azurite) throws IOException {
        world.zendesk().jobPollsBeforeCompletion(0);
        env.putAll(world.settingsValues());
        env.put(Settings.STORAGE, azurite.connectionString());
        workDir = Files.createTempDirectory("cli-it");
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private ProcessBuilder process(Map<String, String> overrides, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", JAR));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> e = pb.environment();
        Settings.NAMES.forEach(e::remove);
        e.putAll(env);
        overrides.forEach((k, v) -> {
            if (v == null) e.remove(k); else e.put(k, v);
        });
        return pb;
    }

    private Run run(Map<String, String> overrides, String... args) throws Exception {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = process(overrides, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private SimulatedUser user(int i) {
        return world.zendesk().users().stream().filter(u -> DemoTenant.userId(i).equals(u.externalId())).findFirst().orElse(null);
    }

    @Test
    @Order(1)
    void helpListsEveryCommand() throws Exception {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String c : List.of("sync", "test-connection", "status", "logs", "provision", "restart", "approve-deletions", "serve", "simulators", "demo")) {
            assertTrue(r.out().contains(c), c);
        }
    }

    @Test
    @Order(2)
    void wrongSettingOrCredentialGivesExitTwoOneClearLineAndWritesNothing() throws Exception {
        Run badSubdomain = run(Map.of(Settings.ZENDESK_SUBDOMAIN, "not a domain!", Settings.ZENDESK_BASE_URL, ""), "sync");
        assertEquals(2, badSubdomain.exit(), badSubdomain.all());
        assertTrue(badSubdomain.err().contains("ZENDESK_SUBDOMAIN"), badSubdomain.err());

        world.zendesk().clearRequestLog();
        String wrongSecret = "wrong-secret-value-4711";
        Run badSecret = run(Map.of(Settings.ZENDESK_OAUTH_CLIENT_SECRET, wrongSecret), "sync");
        assertEquals(2, badSecret.exit(), badSecret.all());
        assertTrue(badSecret.err().toLowerCase().contains("zendesk"), badSecret.err());
        assertFalse(badSecret.all().contains(wrongSecret), "the secret is never printed");
        assertTrue(world.zendesk().requestLog().stream().allMatch(r -> r.method().equals("GET") || r.path().equals("/oauth/tokens")),
                "nothing written to Zendesk");

        Run testConnection = run(Map.of(Settings.ZENDESK_OAUTH_CLIENT_SECRET, wrongSecret), "test-connection");
        assertEquals(2, testConnection.exit());
        assertTrue(testConnection.out().contains("zendesk  FAIL"), testConnection.out());
    }

    @Test
    @Order(3)
    void testConnectionPassesWithRightSettings() throws Exception {
        Run r = run("test-connection");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("admin"));
    }

    @Test
    @Order(4)
    void syncRunsTheInitialCycleShowsProgressAndASummary() throws Exception {
        Run r = run("sync");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("initial cycle"), r.out());
        assertTrue(r.out().contains("Created"), r.out());
        assertTrue(r.out().contains("Zendesk requests"), r.out());
        assertEquals("admin", user(1).role());
    }

    @Test
    @Order(5)
    void statusAndLogsReadWellAsTextJsonAndCsv() throws Exception {
        Run status = run("status");
        assertTrue(status.out().contains("Steady state: yes"), status.out());
        JsonNode j = json.readTree(run("status", "--json").out());
        assertEquals("completed", j.path("lastCycle").path("status").asText());

        Run table = run("logs", "--action", "Create", "--top", "3");
        assertEquals(0, table.exit());
        assertEquals(4, table.out().lines().count(), table.out());
        Run csv = run("logs", "--csv", "--object", DemoTenant.userId(7));
        assertTrue(csv.out().startsWith("time,cycleId"), csv.out());
        assertTrue(csv.out().contains(DemoTenant.userId(7)));
        JsonNode entries = json.readTree(run("logs", "--json", "--status", "Success", "--top", "2").out());
        assertEquals(2, entries.size());
        assertEquals(2, run("logs", "--status", "Great").exit(), "a bad filter is a clear error");
    }

    @Test
    @Order(6)
    void provisionOnDemandPrintsEachStep() throws Exception {
        world.graph().updateUser(DemoTenant.userId(100), Map.of("displayName", "On Demand"));
        Run r = run("provision", DemoTenant.userId(100));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("matching") && r.out().contains("action"), r.out());
        // Printed as made: the run's steps, the user's entry when its batch is written, then the end.
        List<Integer> order = java.util.stream.Stream.of("Import Success", "Users Started", " → ", "Users Success",
                "Action Success").map(r.out()::indexOf).toList();
        assertTrue(order.get(0) >= 0 && order.equals(order.stream().sorted().toList()), order + "\n" + r.out());
        assertEquals("On Demand", user(100).name());
        assertEquals(1, run("provision", DemoTenant.userId(9999)).exit(), "a well-formed id that names nothing");
        Run notAnId = run("provision", "no-such-object");
        assertEquals(2, notAnId.exit(), "a usage error");
        assertTrue(notAnId.err().contains("objectId \"no-such-object\" is not an Entra object id (a GUID)"), notAnId.err());
    }

    @Test
    @Order(6)
    void mappingsPreviewShowsTheWouldBeUpdateAsTextAndJsonAndWritesNothing() throws Exception {
        world.graph().updateUser(DemoTenant.userId(130), Map.of("displayName", "Previewed Name"));
        world.zendesk().clearRequestLog();

        Run text = run("mappings", "preview", DemoTenant.userId(130));
        Run json = run("mappings", "preview", DemoTenant.userId(130), "--json");

        assertEquals(0, text.exit(), text.all());
        assertTrue(text.out().contains("Would: Update") && text.out().contains("-> \"Previewed Name\""), text.out());
        assertEquals(0, json.exit(), json.all());
        assertTrue(json.out().contains("\"action\" : \"Update\""), json.out());
        assertFalse(user(130).name().equals("Previewed Name"), "nothing was written");
        assertTrue(world.zendesk().requestLog().stream().allMatch(r -> r.method().equals("GET") || r.path().equals("/oauth/tokens")),
                world.zendesk().requestLog().toString());
        assertEquals(2, run("mappings", "preview", DemoTenant.userId(9999)).exit(), "an id no Entra user has");
        assertEquals(2, run("mappings", "preview", "no-such-object").exit(), "a usage error");
    }

    @Test
    @Order(7)
    void deletionsOverTheThresholdHoldTheCycleWithExitThreeUntilApproved() throws Exception {
        for (int i = 41; i <= 43; i++) world.graph().unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.userId(i));
        Map<String, String> threshold = Map.of(Settings.DELETE_THRESHOLD, "2");

        Run held = run(threshold, "sync");
        assertEquals(3, held.exit(), held.all());
        assertFalse(user(41).suspended());

        assertEquals(0, run("approve-deletions").exit());
        Run approved = run(threshold, "sync");
        assertEquals(0, approved.exit(), approved.all());
        assertTrue(user(41).suspended() && user(42).suspended() && user(43).suspended());
    }

    @Test
    @Order(8)
    void dryRunWritesNothing() throws Exception {
        world.graph().updateUser(DemoTenant.userId(120), Map.of("displayName", "Not Yet"));
        Run r = run("sync", "--dry-run");
        assertEquals(0, r.exit(), r.all());
        assertFalse(user(120).name().equals("Not Yet"));
        assertTrue(r.out().contains("dry run"), r.out());
    }

    @Test
    @Order(9)
    void restartFullMakesTheNextCycleInitial() throws Exception {
        Run r = run("restart", "--scope", "full");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("initial"));
        assertTrue(run("status").out().contains("next cycle is initial"));
    }

    @Test
    @Order(10)
    void serveAnswersEveryRouteAndRunsTheQueueWorkers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process serve = process(Map.of(Settings.SERVE_KEY, SERVE_KEY), "serve", "--port", String.valueOf(port), "--no-timer")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("serve.txt").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port + "/api/provisioning/";
            waitUntilUp(http, base + "status");
            assertEquals(200, call(http, "POST", base + "test-connection", "").statusCode());
            assertEquals(200, call(http, "GET", base + "logs?top=2&format=csv", null).statusCode());
            assertEquals(400, call(http, "GET", base + "logs?top=abc", null).statusCode());
            assertEquals(404, call(http, "GET", base + "nowhere", null).statusCode());
            // The console's files come from the jar itself.
            HttpResponse<String> page = call(http, "GET", base + "console/", null);
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            assertTrue(page.body().contains("<script src=\"console.js\""), page.body());
            assertEquals(200, call(http, "GET", base + "console/console.js", null).statusCode());
            assertEquals(200, call(http, "GET", base + "search?q=" + DemoTenant.name(130).split(" ")[0], null).statusCode());
            assertEquals(200, call(http, "POST", base + "pause", "").statusCode());
            assertEquals(200, call(http, "POST", base + "resume", "").statusCode());
            assertEquals(200, call(http, "POST", base + "approve-deletions", "").statusCode());
            assertEquals(200, call(http, "POST", base + "restart", "{\"scope\":[\"escrows\"]}").statusCode());
            assertEquals(200, call(http, "POST", base + "provision", "{\"objectId\":\"" + DemoTenant.userId(130) + "\"}").statusCode());
            HttpResponse<String> started = call(http, "POST", base + "sync?mode=incremental", "");
            assertEquals(202, started.statusCode(), started.body());
            String cycleId = json.readTree(started.body()).path("cycle").path("cycleId").asText();
            String state = "";
            for (int i = 0; i < 600 && !state.equals("completed"); i++) {
                Thread.sleep(250);
                JsonNode status = json.readTree(call(http, "GET", base + "status", null).body());
                if (cycleId.equals(status.path("lastCycle").path("cycleId").asText())) state = status.path("lastCycle").path("status").asText();
            }
            assertEquals("completed", state, "the local host's queue workers ran the cycle");

            HttpRequest keyless = HttpRequest.newBuilder(URI.create(base + "status")).timeout(Duration.ofSeconds(60)).GET().build();
            assertEquals(401, http.send(keyless, HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(workDir.resolve("serve.txt"));
        assertTrue(printed.contains(Settings.SERVE_KEY), printed);
        assertFalse(printed.contains(SERVE_KEY), "a configured key is never printed");
    }

    @Test
    @Order(11)
    void serveWithoutAConfiguredKeyPrintsTheOneItMadeOnceAndRequiresIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path output = workDir.resolve("serve-generated.txt");
        Process serve = process(Map.of(), "serve", "--port", String.valueOf(port), "--no-timer")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port + "/api/provisioning/";
            String key = null;
            for (int i = 0; i < 240 && key == null; i++) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Key \\(made for this run[^)]*\\): (\\S+)")
                        .matcher(Files.readString(output));
                if (m.find()) key = m.group(1);
                else Thread.sleep(250);
            }
            assertTrue(key != null, Files.readString(output));
            HttpRequest withKey = HttpRequest.newBuilder(URI.create(base + "status")).header("x-functions-key", key)
                    .timeout(Duration.ofSeconds(60)).GET().build();
            assertEquals(200, http.send(withKey, HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpRequest without = HttpRequest.newBuilder(URI.create(base + "status")).timeout(Duration.ofSeconds(60)).GET().build();
            assertEquals(401, http.send(without, HttpResponse.BodyHandlers.ofString()).statusCode());
            String printed = Files.readString(output);
            assertEquals(printed.indexOf(key), printed.lastIndexOf(key), "the key is printed once");
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void waitUntilUp(HttpClient http, String url) throws Exception {
        for (int i = 0; i < 120; i++) {
            try {
                if (call(http, "GET", url, null).statusCode() == 200) return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("serve did not come up");
    }

    /** As an operator's script calls serve: with the key, and JSON bodies marked as such. */
    private static HttpResponse<String> call(HttpClient http, String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("x-functions-key", SERVE_KEY);
        if (body != null && !body.isEmpty()) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
