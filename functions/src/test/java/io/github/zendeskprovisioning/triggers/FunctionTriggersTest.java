package io.github.zendeskprovisioning.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.cycle.CycleQueues;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.SettingsException;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The function classes called as the Functions worker calls them (a mocked ExecutionContext), with real
 * adapters: Azure Storage on Azurite, and both simulators.
 */
@ExtendWith(AzuriteExtension.class)
class FunctionTriggersTest {
    private final AzuriteExtension.Azurite azurite;
    private SimulatedWorld world;
    private Product product;
    private ExecutionContext context;
    private final ObjectMapper json = new ObjectMapper();
    /** As on a Function App without App Service Authentication, unless a test turns it on. */
    private AppServiceAuthentication authentication = AppServiceAuthentication.off();

    FunctionTriggersTest(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @BeforeEach
    void start() {
        world = SimulatedWorld.demo(0);
        world.zendesk().jobPollsBeforeCompletion(0);
        product = Wiring.build(world.settings(), AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix()),
                ProvisioningObserver.NONE);
        context = mock(ExecutionContext.class);
        when(context.getLogger()).thenReturn(Logger.getLogger("test-function"));
        when(context.getInvocationId()).thenReturn("invocation-1");
    }

    @AfterEach
    void stop() {
        product.close();
        world.close();
    }

    private FakeHttpRequest.Response http(HttpMethod method, String route, Map<String, String> query, String body) {
        return http(method, route, query, body, Map.of("content-type", "application/json"));
    }

    private FakeHttpRequest.Response http(HttpMethod method, String route, Map<String, String> query, String body,
                                          Map<String, String> headers) {
        HttpFunctions f = new HttpFunctions(() -> product, () -> Wiring.directorySearch(product.settings()), authentication);
        FakeHttpRequest req = new FakeHttpRequest(method, route, query, body, headers);
        var response = switch (route) {
            case "test-connection" -> f.testConnection(req, context);
            case "status" -> f.status(req, context);
            case "logs" -> f.logs(req, context);
            case "sync" -> f.sync(req, context);
            case "provision" -> f.provision(req, context);
            case "preview" -> f.preview(req, context);
            case "restart" -> f.restart(req, context);
            case "approve-deletions" -> f.approveDeletions(req, context);
            case "pause" -> f.pause(req, context);
            case "resume" -> f.resume(req, context);
            default -> throw new IllegalArgumentException(route);
        };
        return (FakeHttpRequest.Response) response;
    }

    private JsonNode body(FakeHttpRequest.Response r) throws Exception {
        return json.readTree(r.text());
    }

    /** Delivers queued messages to the queue-triggered functions, as the host would, until both queues are empty. */
    private void runQueueTriggers() {
        QueueWorkerFunctions workers = new QueueWorkerFunctions(() -> product);
        MessageQueue plan = product.stores().queues().queue(CycleQueues.PLAN);
        MessageQueue work = product.stores().queues().queue(CycleQueues.WORK);
        for (int round = 0; round < 1000; round++) {
            boolean any = false;
            for (QueueMessage m : plan.receive(1, Duration.ofSeconds(60))) {
                workers.plan(m.body(), context);
                plan.delete(m);
                any = true;
            }
            for (QueueMessage m : work.receive(16, Duration.ofSeconds(60))) {
                workers.work(m.body(), context);
                work.delete(m);
                any = true;
            }
            if (!any) return;
        }
    }

    @Test
    void postSyncStartsACycleThatTheQueueTriggersRunToTheEnd() throws Exception {
        FakeHttpRequest.Response started = http(HttpMethod.POST, "sync", Map.of("mode", "initial"), "");
        assertEquals(202, started.code(), started.text());
        String cycleId = body(started).path("cycle").path("cycleId").asText();

        runQueueTriggers();

        JsonNode status = body(http(HttpMethod.GET, "status", Map.of(), null));
        assertEquals(cycleId, status.path("lastCycle").path("cycleId").asText());
        assertEquals("completed", status.path("lastCycle").path("status").asText());
        assertEquals("incremental", status.path("nextCycle").asText());
        assertTrue(world.zendesk().userByEmail(DemoTenant.email(100)).isPresent());
    }

    @Test
    void timerStartsAnIncrementalCycleAndRespectsPause() throws Exception {
        new SyncTimerFunction(() -> product).run("{}", context);
        runQueueTriggers();
        assertEquals(200, http(HttpMethod.POST, "pause", Map.of(), null).code());

        new SyncTimerFunction(() -> product).run("{}", context);

        JsonNode status = body(http(HttpMethod.GET, "status", Map.of(), null));
        assertEquals("paused", status.path("state").asText());
        assertEquals(1, status.path("recentCycles").size(), "the paused timer started nothing");
        assertEquals(200, http(HttpMethod.POST, "resume", Map.of(), null).code());
    }

    @Test
    void theTimerPrunesLogEntriesOlderThanTheRetentionPeriodAndKeepsTheRest() throws Exception {
        Instant now = Instant.now();
        product.stores().log().append(List.of(
                logEntry("change-old", now.minus(Duration.ofDays(31))),
                logEntry("change-kept", now.minus(Duration.ofDays(29)))));

        new SyncTimerFunction(() -> product).run("{}", context);

        JsonNode logs = body(http(HttpMethod.GET, "logs", Map.of("cycleId", "c-retention"), null));
        assertEquals(1, logs.path("entries").size(), logs.toString());
        assertEquals("change-kept", logs.path("entries").get(0).path("changeId").asText());
    }

    @Test
    void aRetentionSettingThatIsNotAWholeNumberOfDaysIsAConfigurationErrorNamingIt() {
        for (String bad : List.of("0", "-3", "thirty", "99999")) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> new Settings(Map.of(Settings.LOG_RETENTION_DAYS, bad)).logRetentionDays());
            assertTrue(e.getMessage().contains(Settings.LOG_RETENTION_DAYS) && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals(30, new Settings(Map.of()).logRetentionDays());
        assertEquals(7, new Settings(Map.of(Settings.LOG_RETENTION_DAYS, "7")).logRetentionDays());
    }

    private static ProvisioningLogEntry logEntry(String changeId, Instant time) {
        return new ProvisioningLogEntry("c-retention", changeId, time, ObjectKind.USER, DemoTenant.userId(5), "User 5", 5L,
                ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS, false, List.of(), List.of(), null);
    }

    @Test
    void logsAreQueryableAsJsonAndCsv() throws Exception {
        http(HttpMethod.POST, "sync", Map.of(), "");
        runQueueTriggers();

        JsonNode created = body(http(HttpMethod.GET, "logs", Map.of("action", "Create", "top", "5"), null));
        assertEquals(5, created.path("entries").size());
        assertTrue(created.path("continuationToken").isTextual());
        created.path("entries").forEach(e -> assertEquals("Create", e.path("action").asText()));

        FakeHttpRequest.Response csv = http(HttpMethod.GET, "logs", Map.of("format", "csv", "objectId", DemoTenant.userId(7)), null);
        assertEquals("text/csv; charset=utf-8", csv.getHeader("Content-Type"));
        assertTrue(csv.text().startsWith("time,cycleId,changeId"));
        assertTrue(csv.text().contains(DemoTenant.userId(7)));
    }

    @Test
    void provisionOnDemandWritesOneUserAndAnswersWithItsSteps() throws Exception {
        FakeHttpRequest.Response r = http(HttpMethod.POST, "provision", Map.of(), "{\"objectId\": \"" + DemoTenant.userId(42) + "\"}");

        assertEquals(200, r.code(), r.text());
        JsonNode b = body(r);
        assertEquals("user", b.path("objectKind").asText());
        assertEquals("Create", b.path("entries").get(0).path("action").asText());
        assertTrue(world.zendesk().userByEmail(DemoTenant.email(42)).isPresent());
    }

    @Test
    void previewFunctionAnswersWithTheWouldBeCreateAndWritesNothing() throws Exception {
        world.zendesk().clearRequestLog();

        FakeHttpRequest.Response r = http(HttpMethod.GET, "preview", Map.of("objectId", DemoTenant.userId(42)), null);

        assertEquals(200, r.code(), r.text());
        assertEquals("Create", body(r).path("action").asText());
        assertTrue(world.zendesk().userByEmail(DemoTenant.email(42)).isEmpty(), "nothing was provisioned");
        assertEquals(0, world.zendesk().requestLog().stream()
                .filter(q -> !q.method().equals("GET") && !q.path().equals("/oauth/tokens")).count());
        assertEquals(0, product.engine().logs(new io.github.zendeskprovisioning.engine.state.LogQuery(null, null, null, null), 10, null)
                .entries().size(), "no provisioning log entry was written");
        assertEquals(400, http(HttpMethod.GET, "preview", Map.of("objectId", "not-a-guid"), null).code());
    }

    @Test
    void badInputGetsA400NamingTheProblemAndNoStackTrace() throws Exception {
        var cases = Map.of(
                http(HttpMethod.POST, "sync", Map.of("mode", "sideways"), ""), "InvalidMode",
                http(HttpMethod.GET, "logs", Map.of("top", "0"), null), "InvalidTop",
                http(HttpMethod.GET, "logs", Map.of("status", "Great"), null), "InvalidStatus",
                http(HttpMethod.POST, "provision", Map.of(), "{not json"), "InvalidJson",
                http(HttpMethod.POST, "provision", Map.of(), "{}"), "MissingObjectId",
                http(HttpMethod.POST, "restart", Map.of(), "{\"scope\": [\"everything\"]}"), "InvalidScope");
        for (var c : cases.entrySet()) {
            assertEquals(400, c.getKey().code(), c.getKey().text());
            JsonNode b = body(c.getKey());
            assertEquals(c.getValue(), b.path("error").asText());
            assertFalse(b.path("message").asText().isBlank());
            assertFalse(c.getKey().text().contains("at io.github"), "no stack trace");
        }
        assertEquals(404, http(HttpMethod.POST, "provision", Map.of(), "{\"objectId\": \"" + DemoTenant.userId(9999) + "\"}").code(),
                "a well-formed id that names nothing");
    }

    @Test
    void eachBadInputMessageNamesTheParameterAndQuotesTheValue() throws Exception {
        String long400 = "x".repeat(500);
        var cases = Map.of(
                http(HttpMethod.POST, "provision", Map.of(), "{\"objectId\": \"not-a-guid\"}"),
                "objectId \"not-a-guid\" is not an Entra object id (a GUID)",
                http(HttpMethod.POST, "provision", Map.of(), "{\"objectId\": 42}"), "objectId \"42\" must be a string",
                http(HttpMethod.POST, "sync", Map.of("mode", "sideways"), ""), "mode \"sideways\" must be initial or incremental",
                http(HttpMethod.POST, "sync", Map.of("dryRun", "maybe"), ""), "dryRun \"maybe\" must be true or false",
                http(HttpMethod.GET, "logs", Map.of("top", "0"), null), "top \"0\" must be a whole number from 1 to 1000",
                http(HttpMethod.GET, "logs", Map.of("status", "Great"), null), "status \"Great\" is not one of",
                http(HttpMethod.GET, "logs", Map.of("action", "Explode"), null), "action \"Explode\" is not one of",
                http(HttpMethod.GET, "logs", Map.of("format", "xml"), null), "format \"xml\" must be json or csv",
                http(HttpMethod.GET, "logs", Map.of("continuationToken", "forged"), null), "continuationToken \"forged\" is not one",
                http(HttpMethod.POST, "restart", Map.of(), "{\"scope\": [\"everything\"]}"), "scope \"everything\" is not one of");
        for (var c : cases.entrySet()) {
            assertEquals(400, c.getKey().code(), c.getKey().text());
            assertTrue(body(c.getKey()).path("message").asText().startsWith(c.getValue()), c.getKey().text());
        }
        String cut = body(http(HttpMethod.GET, "logs", Map.of("objectId", long400), null)).path("message").asText();
        assertTrue(cut.startsWith("objectId \"" + "x".repeat(60) + "…\" is not an Entra object id"), cut);
        assertTrue(body(http(HttpMethod.POST, "restart", Map.of(), "[1, 2]")).path("message").asText()
                .startsWith("the body \"[1, 2]\" is not a JSON object"));
    }

    @Test
    void aBodyOver64KbGets413WithTheJsonErrorBody() throws Exception {
        String padded = "{\"objectId\": \"" + DemoTenant.userId(42) + "\"}" + " ".repeat(64 * 1024);
        FakeHttpRequest.Response r = http(HttpMethod.POST, "provision", Map.of(), padded);
        assertEquals(413, r.code());
        assertEquals("BodyTooLarge", body(r).path("error").asText());
        assertFalse(body(r).path("message").asText().isBlank());
        assertTrue(world.zendesk().userByEmail(DemoTenant.email(42)).isEmpty(), "nothing was provisioned");
        String multiByte = "{\"objectId\": \"" + "é".repeat(33 * 1024) + "\"}";
        assertEquals(413, http(HttpMethod.POST, "provision", Map.of(), multiByte).code(), "the limit counts bytes, not characters");
    }

    @Test
    void testConnectionReportsEachCheck() throws Exception {
        JsonNode b = body(http(HttpMethod.POST, "test-connection", Map.of(), null));
        assertTrue(b.path("ok").asBoolean(), b.toString());
        assertEquals(3, b.path("checks").size());
    }

    @Test
    void approveDeletionsAndRestartChangeTheJobState() throws Exception {
        assertTrue(body(http(HttpMethod.POST, "approve-deletions", Map.of(), null)).path("deletionsApproved").asBoolean());
        assertTrue(product.stores().cycles().jobState().deletionsApproved());
        JsonNode restarted = body(http(HttpMethod.POST, "restart", Map.of(), "{\"scope\": [\"full\"]}"));
        assertEquals("initial", restarted.path("nextCycle").asText());
        assertFalse(product.stores().cycles().jobState().deletionsApproved());
    }

    @Test
    void withoutAppServiceAuthenticationAPrincipalHeaderIsNotTrustedAndTheFunctionKeyIsLogged() throws Exception {
        assertFalse(AppServiceAuthentication.fromEnvironment(Map.of("WEBSITE_AUTH_ENABLED", "False")).enabled());
        authentication = AppServiceAuthentication.fromEnvironment(Map.of());

        http(HttpMethod.POST, "pause", Map.of(), null, Map.of("X-MS-CLIENT-PRINCIPAL-NAME", "ceo@contoso.com",
                "X-MS-CLIENT-PRINCIPAL", "e30="));

        JsonNode entries = body(http(HttpMethod.GET, "logs", Map.of("action", "OperatorAction"), null)).path("entries");
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("pause requested by function key: timer cycles are paused", entries.get(0).path("reason").asText());
        assertFalse(entries.toString().contains("ceo@contoso.com"), "a header anyone can write names nobody");
    }

    @Test
    void theSignedInPrincipalHeaderBecomesTheRequesterAndAKeyOnlyRequestIsLoggedAsTheFunctionKey() throws Exception {
        // App Service sets this in the app's environment when Authentication is on; only then is the header its own.
        authentication = AppServiceAuthentication.fromEnvironment(Map.of("WEBSITE_AUTH_ENABLED", "True"));
        String key = "k3y-value-that-must-never-be-logged";
        http(HttpMethod.POST, "pause", Map.of(), null, Map.of("X-MS-CLIENT-PRINCIPAL-NAME", "alice@contoso.com",
                "x-functions-key", key, "X-MS-TOKEN-AAD-ACCESS-TOKEN", key));
        http(HttpMethod.POST, "resume", Map.of("code", key), null, Map.of("x-functions-key", key));
        http(HttpMethod.POST, "provision", Map.of("code", key), "{\"objectId\": \"" + DemoTenant.userId(42) + "\"}",
                Map.of("x-ms-client-principal-name", "bob@contoso.com"));

        FakeHttpRequest.Response logged = http(HttpMethod.GET, "logs", Map.of("action", "OperatorAction"), null);
        JsonNode entries = body(logged).path("entries");
        assertEquals(3, entries.size(), entries.toString());
        List<String> reasons = new java.util.ArrayList<>();
        entries.forEach(e -> reasons.add(e.path("reason").asText()));
        assertTrue(reasons.stream().anyMatch(r -> r.equals("pause requested by alice@contoso.com (App Service Authentication): timer cycles are paused")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.equals("resume requested by function key: timer cycles resume")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("provision on demand of user " + DemoTenant.userId(42)
                + " requested by bob@contoso.com (App Service Authentication)")), reasons.toString());
        entries.forEach(e -> assertEquals("job", e.path("objectKind").asText()));

        String csv = http(HttpMethod.GET, "logs", Map.of("format", "csv", "top", "1000"), null).text();
        String all = body(http(HttpMethod.GET, "logs", Map.of("top", "1000"), null)).toString();
        assertTrue(csv.contains("OperatorAction") && csv.contains("alice@contoso.com"), csv);
        assertFalse(csv.contains(key) || all.contains(key), "no entry holds the key");
    }

    @Test
    void theConsoleFunctionServesItsFilesFromTheJarAndSendsTheBareFolderToItsSlash() {
        HttpFunctions f = new HttpFunctions(() -> product);
        var page = (FakeHttpRequest.Response) f.console(new FakeHttpRequest(HttpMethod.GET, "console/", Map.of(), null), "", context);
        assertEquals(200, page.code());
        assertEquals("text/html; charset=utf-8", page.getHeader("Content-Type"));
        assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"));
        assertTrue(new String((byte[]) page.getBody(), java.nio.charset.StandardCharsets.UTF_8).contains("console.js"));

        var bare = (FakeHttpRequest.Response) f.console(new FakeHttpRequest(HttpMethod.GET, "console", Map.of(), null), null, context);
        assertEquals(308, bare.code());
        assertEquals("console/", bare.getHeader("Location"));

        var escape = (FakeHttpRequest.Response) f.console(new FakeHttpRequest(HttpMethod.GET, "console/../host.json", Map.of(), null),
                "../host.json", context);
        assertEquals(404, escape.code());
    }

    @Test
    void theSearchFunctionFindsEntraUsersByTheStartOfTheirName() throws Exception {
        HttpFunctions f = new HttpFunctions(() -> product);
        String first = DemoTenant.name(42).split(" ")[0];
        var found = (FakeHttpRequest.Response) f.search(new FakeHttpRequest(HttpMethod.GET, "search", Map.of("q", first), null), context);
        assertEquals(200, found.code(), found.text());
        assertTrue(body(found).path("matches").findValuesAsText("id").contains(DemoTenant.userId(42)), found.text());
        var missing = (FakeHttpRequest.Response) f.search(new FakeHttpRequest(HttpMethod.GET, "search", Map.of(), null), context);
        assertEquals(400, missing.code());
        assertEquals("MissingQuery", body(missing).path("error").asText());
    }
}
