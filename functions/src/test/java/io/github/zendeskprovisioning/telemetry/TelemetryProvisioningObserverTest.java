package io.github.zendeskprovisioning.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.ObjectFailure;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelemetryProvisioningObserverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build();
    private final List<LogRecord> records = new ArrayList<>();
    private Logger logger;
    private TelemetryProvisioningObserver observer;

    @BeforeEach
    void setUp() {
        logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Capture(records));
        observer = new TelemetryProvisioningObserver(openTelemetry, logger);
    }

    @AfterEach
    void tearDown() {
        openTelemetry.close();
    }

    @Test
    void finishedCycleIsOneNamedLineOfJsonWithEveryDocumentedFieldInOrder() throws Exception {
        observer.cycleFinished(completed("c-42"));

        assertEquals(1, records.size());
        String line = records.get(0).getMessage();
        assertFalse(line.contains("\n"), "one line");
        assertTrue(line.startsWith(TelemetryNames.CYCLE_EVENT + " {"), line);
        JsonNode event = eventOf(line);
        assertEquals(TelemetryNames.CYCLE_EVENT_FIELDS, fieldNames(event));
        assertEquals("c-42", event.get("cycleId").asText());
        assertEquals("INCREMENTAL", event.get("mode").asText());
        assertEquals("COMPLETED", event.get("status").asText());
        assertFalse(event.get("held").asBoolean());
        assertTrue(event.get("statusReason").isNull());
        assertEquals(1234, event.get("durationMs").asLong());
        assertEquals(3, event.get("created").asLong());
        assertEquals(1, event.get("failed").asLong());
        assertEquals(57, event.get("zendeskRequests").asLong());
        assertEquals(2, event.get("zendeskThrottled").asLong());
        assertEquals(9, event.get("graphRequests").asLong());
        assertEquals(Level.INFO, records.get(0).getLevel());
    }

    @Test
    void heldCycleIsLoggedAsWarningWithItsReason() throws Exception {
        observer.cycleFinished(new CycleSummary("c-7", CycleMode.INITIAL, CycleStatus.HELD, false, true,
                "612 suspensions and deletions exceed the threshold of 500", 10, 0, 0, 0, 0, 0, 0, 0, 612, 4, 0, 2));

        LogRecord record = records.get(0);
        assertEquals(Level.WARNING, record.getLevel());
        JsonNode event = eventOf(record.getMessage());
        assertEquals("HELD", event.get("status").asText());
        assertTrue(event.get("held").asBoolean());
        assertEquals(612, event.get("staged").asLong());
        assertEquals("612 suspensions and deletions exceed the threshold of 500", event.get("statusReason").asText());
    }

    @Test
    void failedObjectIsOneNamedLineOfJsonWithItsReason() throws Exception {
        observer.objectFailed(new ObjectFailure("c-42", ObjectKind.USER, "1b2c", ProvisioningAction.CREATE,
                "EmailTaken", "Zendesk says the email ada@contoso.com belongs to another user"));

        LogRecord record = records.get(0);
        assertEquals(Level.WARNING, record.getLevel());
        assertTrue(record.getMessage().startsWith(TelemetryNames.OBJECT_FAILED_EVENT + " {"));
        JsonNode event = eventOf(record.getMessage());
        assertEquals(TelemetryNames.OBJECT_FAILED_EVENT_FIELDS, fieldNames(event));
        assertEquals("USER", event.get("objectKind").asText());
        assertEquals("1b2c", event.get("objectId").asText());
        assertEquals("Create", event.get("action").asText());
        assertEquals("EmailTaken", event.get("reasonCode").asText());
    }

    @Test
    void finishedCycleRecordsCycleDurationActionsAndRequestCounters() {
        observer.cycleFinished(completed("c-1"));

        Collection<MetricData> metrics = reader.collectAllMetrics();
        Attributes cycle = Attributes.builder().put("status", "COMPLETED").put("mode", "INCREMENTAL")
                .put("dryRun", false).build();
        assertEquals(1, sum(metrics, TelemetryNames.METRIC_CYCLES, cycle));
        MetricData duration = metric(metrics, TelemetryNames.METRIC_CYCLE_DURATION).orElseThrow();
        assertEquals("ms", duration.getUnit());
        assertEquals(1234.0, duration.getHistogramData().getPoints().iterator().next().getSum());
        assertEquals(3, sum(metrics, TelemetryNames.METRIC_ACTIONS, action("Create", "Success")));
        assertEquals(5, sum(metrics, TelemetryNames.METRIC_ACTIONS, action("Update", "Success")));
        assertEquals(2, sum(metrics, TelemetryNames.METRIC_ACTIONS, action("Disable", "Success")));
        assertEquals(4, sum(metrics, TelemetryNames.METRIC_ACTIONS, action("Skip", "Skipped")));
        assertEquals(57, sum(metrics, TelemetryNames.METRIC_ZENDESK_REQUESTS, Attributes.empty()));
        assertEquals(2, sum(metrics, TelemetryNames.METRIC_ZENDESK_THROTTLED, Attributes.empty()));
        assertEquals(9, sum(metrics, TelemetryNames.METRIC_GRAPH_REQUESTS, Attributes.empty()));
    }

    @Test
    void actionsWithNothingToCountMakeNoSeries() {
        observer.cycleFinished(completed("c-1"));

        Set<String> actions = points(reader.collectAllMetrics(), TelemetryNames.METRIC_ACTIONS).stream()
                .map(p -> p.getAttributes().get(AttributeKey.stringKey("action"))).collect(Collectors.toSet());
        assertEquals(Set.of("Create", "Update", "Disable", "Skip"), actions);
    }

    @Test
    void failedObjectCountsByReasonCodeAndAsAFailedAction() {
        observer.objectFailed(new ObjectFailure("c-1", ObjectKind.GROUP, "g1", ProvisioningAction.UPDATE,
                "ZendeskUnavailable", "Zendesk answered 503 three times"));
        observer.objectFailed(new ObjectFailure("c-1", ObjectKind.USER, "u1", ProvisioningAction.UPDATE,
                "ZendeskUnavailable", "Zendesk answered 503 three times"));

        Collection<MetricData> metrics = reader.collectAllMetrics();
        assertEquals(2, sum(metrics, TelemetryNames.METRIC_OBJECT_FAILURES,
                Attributes.of(AttributeKey.stringKey("reasonCode"), "ZendeskUnavailable")));
        assertEquals(2, sum(metrics, TelemetryNames.METRIC_ACTIONS,
                Attributes.builder().put("action", "Update").put("status", "Failure").build()));
    }

    @Test
    void everyMetricAndAttributeRecordedIsOneTelemetryNamesDocuments() {
        observer.cycleFinished(completed("c-1"));
        observer.objectFailed(new ObjectFailure("c-1", ObjectKind.USER, "u1", ProvisioningAction.CREATE,
                "MatchConflict", "two Zendesk users match"));

        Collection<MetricData> metrics = reader.collectAllMetrics();
        Set<String> names = metrics.stream().map(MetricData::getName).collect(Collectors.toSet());
        assertEquals(Set.copyOf(TelemetryNames.METRICS), names);
        Set<String> attributeNames = new HashSet<>();
        metrics.forEach(m -> m.getData().getPoints()
                .forEach(p -> p.getAttributes().forEach((k, v) -> attributeNames.add(k.getKey()))));
        assertTrue(TelemetryNames.METRIC_ATTRIBUTES.containsAll(attributeNames), attributeNames.toString());
    }

    @Test
    void credentialsQuotedInReasonsNeverReachTheLog() {
        String bearer = "eyJhbGciOiJSUzI1NiJ9.secret-part";
        String apiToken = "Zk3yApiTok3nValue";
        observer.objectFailed(new ObjectFailure("c-1", ObjectKind.USER, "u1", ProvisioningAction.CREATE,
                "Unauthorized", "Zendesk rejected 'Authorization: Bearer " + bearer + "' for admin@contoso.com/token:"
                + apiToken));
        observer.cycleFinished(new CycleSummary("c-1", CycleMode.INITIAL, CycleStatus.QUARANTINED, false, false,
                "every request failed: client_secret=" + apiToken, 5, 0, 0, 0, 0, 0, 0, 40, 0, 40, 0, 1));

        String logged = records.stream().map(LogRecord::getMessage).collect(Collectors.joining("\n"));
        assertFalse(logged.contains(bearer), logged);
        assertFalse(logged.contains(apiToken), logged);
        assertTrue(logged.contains(SecretRedaction.MASK));
    }

    @Test
    void aBrokenLogHandlerOrIncompleteRecordNeverThrows() {
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });

        assertDoesNotThrow(() -> observer.cycleFinished(completed("c-1")));
        assertDoesNotThrow(() -> observer.cycleFinished(null));
        assertDoesNotThrow(() -> observer.objectFailed(null));
        assertDoesNotThrow(() -> observer.objectFailed(new ObjectFailure(null, null, null, null, null, null)));
    }

    @Test
    void metricsAreStillRecordedWhenTheLogHandlerBreaks() {
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });

        observer.cycleFinished(completed("c-1"));
        observer.objectFailed(new ObjectFailure("c-1", ObjectKind.USER, "u1", ProvisioningAction.CREATE,
                "EmailTaken", "taken"));

        Collection<MetricData> metrics = reader.collectAllMetrics();
        assertEquals(57, sum(metrics, TelemetryNames.METRIC_ZENDESK_REQUESTS, Attributes.empty()));
        assertEquals(1, sum(metrics, TelemetryNames.METRIC_OBJECT_FAILURES,
                Attributes.of(AttributeKey.stringKey("reasonCode"), "EmailTaken")));
    }

    @Test
    void defaultConstructorUsesTheGlobalOpenTelemetryWithoutFailing() {
        assertDoesNotThrow(() -> new TelemetryProvisioningObserver().cycleFinished(completed("c-1")));
    }

    private static CycleSummary completed(String cycleId) {
        return new CycleSummary(cycleId, CycleMode.INCREMENTAL, CycleStatus.COMPLETED, false, false, null, 1234,
                3, 5, 2, 0, 0, 4, 1, 0, 57, 2, 9);
    }

    private static Attributes action(String action, String status) {
        return Attributes.builder().put("action", action).put("status", status).put("dryRun", false).build();
    }

    private static JsonNode eventOf(String line) throws Exception {
        return JSON.readTree(line.substring(line.indexOf('{')));
    }

    private static List<String> fieldNames(JsonNode event) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    private static Optional<MetricData> metric(Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    private static Collection<LongPointData> points(Collection<MetricData> metrics, String name) {
        return metric(metrics, name).map(m -> m.getLongSumData().getPoints()).orElse(List.of());
    }

    private static long sum(Collection<MetricData> metrics, String name, Attributes attributes) {
        return points(metrics, name).stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(LongPointData::getValue).sum();
    }

    private static final class Capture extends Handler {
        private final List<LogRecord> sink;

        Capture(List<LogRecord> sink) {
            this.sink = sink;
        }

        @Override
        public void publish(LogRecord record) {
            sink.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

}
