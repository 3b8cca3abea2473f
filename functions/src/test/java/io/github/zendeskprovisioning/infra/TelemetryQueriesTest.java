package io.github.zendeskprovisioning.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.ObjectFailure;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.telemetry.TelemetryNames;
import io.github.zendeskprovisioning.telemetry.TelemetryProvisioningObserver;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KQL of the alerts and the workbook asks only for names the product emits: event names and fields
 * ({@code traces}), metric names and attributes ({@code customMetrics}), and enum values as they are written.
 * Checked against {@link TelemetryNames} and against what {@link TelemetryProvisioningObserver} really writes.
 */
class TelemetryQueriesTest {
    private static final Pattern EVENT_FILTER = Pattern.compile("message\\s+startswith\\s+\"([^\"]*)\"");
    private static final Pattern EVENT_FIELD = Pattern.compile("\\be\\.(\\w+)");
    private static final Pattern METRIC_EQUALS = Pattern.compile("\\bname\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern METRIC_IN = Pattern.compile("\\bname\\s+in\\s*\\(([^)]*)\\)");
    private static final Pattern DIMENSION = Pattern.compile("customDimensions\\.(\\w+)");
    private static final Pattern UPPER_LITERAL = Pattern.compile("\"([A-Z][A-Z_]+)\"");

    private final InfraSources infra = InfraSources.locate();

    @Test
    void everyQueryOfTheTemplatesLivesInAQueryFileTheseTestsRead() {
        infra.bicepFiles().forEach((file, text) -> {
            Matcher query = Pattern.compile("(?m)^\\s*query:\\s*(.+)$").matcher(text);
            while (query.find()) {
                String value = query.group(1);
                if (value.matches("\\w+")) {
                    Matcher var = Pattern.compile("(?m)^var\\s+" + value + "\\s*=\\s*(.+)$").matcher(text);
                    // a function parameter (the workbook's queryItem) or a variable holding the loaded file
                    if (!var.find()) continue;
                    value = var.group(1);
                }
                assertTrue(value.startsWith("loadTextContent('../queries/") || value.startsWith("replace(loadTextContent('../queries/"),
                        file + ": inline query " + value);
            }
            Matcher replaced = Pattern.compile("replace\\(loadTextContent\\('\\.\\./queries/([^']+)'\\),\\s*'([^']+)'")
                    .matcher(text);
            while (replaced.find()) {
                assertTrue(infra.queries().get(replaced.group(1)).contains(replaced.group(2)),
                        file + " replaces text that " + replaced.group(1) + " does not contain: " + replaced.group(2));
            }
        });
        assertTrue(infra.queries().size() >= 8);
    }

    @Test
    void eventNamesAndFieldsInTheQueriesAreTheOnesTheProductEmits() {
        Map<String, List<String>> fieldsByEvent = Map.of(
                TelemetryNames.CYCLE_EVENT, TelemetryNames.CYCLE_EVENT_FIELDS,
                TelemetryNames.OBJECT_FAILED_EVENT, TelemetryNames.OBJECT_FAILED_EVENT_FIELDS);
        Set<String> eventsQueried = new HashSet<>();
        infra.queries().forEach((file, raw) -> {
            String kql = withoutComments(raw);
            Set<String> events = new HashSet<>();
            Matcher filter = EVENT_FILTER.matcher(kql);
            while (filter.find()) {
                String prefix = filter.group(1);
                assertTrue(prefix.endsWith(" "), file + ": filter on the whole event name and its space");
                String name = prefix.trim();
                assertTrue(fieldsByEvent.containsKey(name), file + ": unknown event " + name);
                events.add(name);
            }
            Matcher anyEventName = Pattern.compile("\"(Provisioning\\w+)").matcher(kql);
            while (anyEventName.find()) assertTrue(fieldsByEvent.containsKey(anyEventName.group(1)), file);
            Set<String> allowedFields = events.stream().flatMap(e -> fieldsByEvent.get(e).stream()).collect(Collectors.toSet());
            Matcher field = EVENT_FIELD.matcher(kql);
            while (field.find()) {
                assertTrue(allowedFields.contains(field.group(1)), file + ": field e." + field.group(1) + " is not emitted");
            }
            if (kql.contains("traces")) assertEquals(1, events.size(), file + " reads one event");
            eventsQueried.addAll(events);
        });
        assertEquals(fieldsByEvent.keySet(), eventsQueried, "both events are queried");
    }

    @Test
    void metricNamesAndAttributesInTheQueriesAreTheOnesTheProductRecords() {
        Set<String> metricsQueried = new HashSet<>();
        infra.queries().forEach((file, raw) -> {
            String kql = withoutComments(raw);
            if (!kql.contains("customMetrics")) return;
            Set<String> names = metricNames(kql);
            assertTrue(!names.isEmpty(), file + " filters customMetrics by name");
            for (String name : names) assertTrue(TelemetryNames.METRICS.contains(name), file + ": unknown metric " + name);
            Matcher dimension = DIMENSION.matcher(kql);
            while (dimension.find()) {
                assertTrue(TelemetryNames.METRIC_ATTRIBUTES.contains(dimension.group(1)), file + ": " + dimension.group(1));
            }
            metricsQueried.addAll(names);
        });
        assertTrue(metricsQueried.containsAll(List.of(TelemetryNames.METRIC_ACTIONS,
                TelemetryNames.METRIC_OBJECT_FAILURES, TelemetryNames.METRIC_ZENDESK_REQUESTS,
                TelemetryNames.METRIC_ZENDESK_THROTTLED)), metricsQueried.toString());
    }

    @Test
    void statusAndKindValuesInTheQueriesAreWrittenAsTheEnumsNameThem() {
        Set<String> names = Stream.of(CycleStatus.values(), CycleMode.values(), ObjectKind.values())
                .flatMap(Arrays::stream).map(Enum::name).collect(Collectors.toSet());
        Set<String> used = new HashSet<>();
        infra.queries().forEach((file, raw) -> {
            Matcher literal = UPPER_LITERAL.matcher(withoutComments(raw));
            while (literal.find()) {
                assertTrue(names.contains(literal.group(1)), file + ": \"" + literal.group(1) + "\" is no enum value");
                used.add(literal.group(1));
            }
        });
        assertTrue(used.containsAll(List.of("FAILED", "QUARANTINED", "HELD", "COMPLETED")), used.toString());
    }

    @Test
    void theQueriesMatchWhatTheObserverReallyWrites() throws Exception {
        List<String> lines = new ArrayList<>();
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build()) {
            TelemetryProvisioningObserver observer = new TelemetryProvisioningObserver(sdk, logger);
            observer.objectFailed(new ObjectFailure("c-1", ObjectKind.USER, "u-1", ProvisioningAction.CREATE,
                    "EmailTaken", "the email belongs to another Zendesk user"));
            observer.cycleFinished(new CycleSummary("c-1", CycleMode.INITIAL, CycleStatus.COMPLETED, false, false,
                    null, 60_000, 10, 2, 1, 1, 1, 3, 1, 0, 40, 1, 12));
            Map<String, Set<String>> attributesByMetric = new HashMap<>();
            for (MetricData metric : reader.collectAllMetrics()) {
                Set<String> keys = attributesByMetric.computeIfAbsent(metric.getName(), k -> new HashSet<>());
                metric.getData().getPoints().forEach(p -> p.getAttributes().forEach((k, v) -> keys.add(k.getKey())));
            }

            for (Map.Entry<String, String> query : infra.queries().entrySet()) {
                String kql = withoutComments(query.getValue());
                Matcher filter = EVENT_FILTER.matcher(kql);
                if (filter.find()) {
                    String prefix = filter.group(1);
                    String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                            .orElseThrow(() -> new AssertionError(query.getKey() + ": no emitted line starts with '" + prefix + "'"));
                    // substring(message, indexof(message, "{")), as the queries do
                    JsonNode event = new ObjectMapper().readTree(line.substring(line.indexOf('{')));
                    Matcher field = EVENT_FIELD.matcher(kql);
                    while (field.find()) assertTrue(event.has(field.group(1)), query.getKey() + ": " + field.group(1));
                }
                if (kql.contains("customMetrics")) {
                    Set<String> dimensions = new HashSet<>();
                    Matcher dimension = DIMENSION.matcher(kql);
                    while (dimension.find()) dimensions.add(dimension.group(1));
                    for (String name : metricNames(kql)) {
                        assertTrue(attributesByMetric.containsKey(name), query.getKey() + ": " + name + " is not recorded");
                        if (metricNames(kql).size() == 1) {
                            assertTrue(attributesByMetric.get(name).containsAll(dimensions),
                                    query.getKey() + ": " + name + " has no attribute among " + dimensions);
                        }
                    }
                }
            }
        }
    }

    private static Set<String> metricNames(String kql) {
        Set<String> names = new HashSet<>();
        Matcher equals = METRIC_EQUALS.matcher(kql);
        while (equals.find()) names.add(equals.group(1));
        Matcher in = METRIC_IN.matcher(kql);
        while (in.find()) {
            Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(in.group(1));
            while (quoted.find()) names.add(quoted.group(1));
        }
        return names;
    }

    private static String withoutComments(String kql) {
        return Arrays.stream(kql.split("\n")).filter(l -> !l.trim().startsWith("//")).collect(Collectors.joining("\n"));
    }
}
