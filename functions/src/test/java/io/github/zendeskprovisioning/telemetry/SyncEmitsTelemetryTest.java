package io.github.zendeskprovisioning.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.cli.SyncRun;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Wiring;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A local `sync` emits the cycle event and the metrics the alerts and the workbook query, under the names they use. */
class SyncEmitsTelemetryTest {

    @Test
    void aSyncRunEmitsTheCycleEventAndTheMetricsTheKqlUses() throws Exception {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
        Logger logger = Logger.getLogger("telemetry-under-test");
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try (SimulatedWorld world = SimulatedWorld.demo(0);
             Product product = Wiring.build(world.settings(), InMemoryStateStores.create(), new TelemetryProvisioningObserver(otel, logger))) {
            world.zendesk().jobPollsBeforeCompletion(0);
            int exit = new SyncRun(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                    .run(product, false, false);
            assertEquals(0, exit);
        } finally {
            logger.removeHandler(capture);
        }

        List<String> cycleEvents = lines.stream().filter(l -> l.startsWith(TelemetryNames.CYCLE_EVENT + " ")).toList();
        assertEquals(1, cycleEvents.size(), String.valueOf(lines));
        JsonNode event = new ObjectMapper().readTree(cycleEvents.get(0).substring(TelemetryNames.CYCLE_EVENT.length() + 1));
        for (String field : TelemetryNames.CYCLE_EVENT_FIELDS) assertTrue(event.has(field), "field " + field + " in " + event);
        assertEquals("COMPLETED", event.path("status").asText().toUpperCase());
        assertTrue(event.path("created").asLong() > 200);
        assertTrue(event.path("zendeskRequests").asLong() > 0 && event.path("graphRequests").asLong() > 0);

        Set<String> metrics = reader.collectAllMetrics().stream().map(MetricData::getName).collect(Collectors.toSet());
        for (String m : List.of(TelemetryNames.METRIC_CYCLES, TelemetryNames.METRIC_ACTIONS, TelemetryNames.METRIC_CYCLE_DURATION,
                TelemetryNames.METRIC_ZENDESK_REQUESTS, TelemetryNames.METRIC_GRAPH_REQUESTS)) {
            assertTrue(metrics.contains(m), m + " in " + metrics);
        }
    }
}
