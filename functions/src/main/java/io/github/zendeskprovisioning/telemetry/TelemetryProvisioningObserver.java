package io.github.zendeskprovisioning.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.ObjectFailure;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what the engine reports into what Application Insights shows: one structured log line per cycle and
 * per failed object ({@code <EventName> <one-line JSON>}, landing in {@code traces}), and metrics through the
 * OpenTelemetry API (landing in {@code customMetrics} via the Application Insights Java agent). The names are
 * those of {@link TelemetryNames}; the alert rules and the workbook in {@code infra/} query them.
 *
 * <p>Telemetry must never break provisioning: every failure here is swallowed and noted without details.
 * Free text is passed through {@link SecretRedaction}.
 */
public final class TelemetryProvisioningObserver implements ProvisioningObserver {
    /** Instrumentation scope of the metrics. */
    public static final String METER_NAME = "io.github.zendeskprovisioning";

    // The names of TelemetryNames.METRIC_ATTRIBUTES.
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
    static final AttributeKey<String> MODE = AttributeKey.stringKey("mode");
    static final AttributeKey<Boolean> DRY_RUN = AttributeKey.booleanKey("dryRun");
    static final AttributeKey<String> ACTION = AttributeKey.stringKey("action");
    static final AttributeKey<String> REASON_CODE = AttributeKey.stringKey("reasonCode");

    private final Logger logger;
    private final ObjectMapper json = new ObjectMapper();
    private final LongCounter cycles;
    private final LongCounter actions;
    private final LongCounter objectFailures;
    private final LongHistogram cycleDuration;
    private final LongCounter zendeskRequests;
    private final LongCounter zendeskThrottled;
    private final LongCounter graphRequests;

    /** Production wiring: the agent-installed global OpenTelemetry (a no-op one when there is no agent). */
    public TelemetryProvisioningObserver() {
        this(GlobalOpenTelemetry.get(), Logger.getLogger(TelemetryProvisioningObserver.class.getName()));
    }

    public TelemetryProvisioningObserver(OpenTelemetry openTelemetry, Logger logger) {
        this.logger = logger;
        Meter meter = openTelemetry.getMeter(METER_NAME);
        cycles = meter.counterBuilder(TelemetryNames.METRIC_CYCLES)
                .setDescription("Provisioning cycles finished").setUnit("{cycle}").build();
        actions = meter.counterBuilder(TelemetryNames.METRIC_ACTIONS)
                .setDescription("Objects handled, by action and status").setUnit("{object}").build();
        objectFailures = meter.counterBuilder(TelemetryNames.METRIC_OBJECT_FAILURES)
                .setDescription("Objects that failed, by reason code").setUnit("{object}").build();
        cycleDuration = meter.histogramBuilder(TelemetryNames.METRIC_CYCLE_DURATION)
                .setDescription("Duration of a provisioning cycle").setUnit("ms").ofLongs().build();
        zendeskRequests = meter.counterBuilder(TelemetryNames.METRIC_ZENDESK_REQUESTS)
                .setDescription("Requests sent to Zendesk").setUnit("{request}").build();
        zendeskThrottled = meter.counterBuilder(TelemetryNames.METRIC_ZENDESK_THROTTLED)
                .setDescription("429 answers from Zendesk").setUnit("{request}").build();
        graphRequests = meter.counterBuilder(TelemetryNames.METRIC_GRAPH_REQUESTS)
                .setDescription("Requests sent to Microsoft Graph").setUnit("{request}").build();
    }

    @Override
    public void cycleFinished(CycleSummary summary) {
        // The event and the metrics are recorded independently: one failing must not lose the other.
        try {
            logger.log(isTrouble(summary.status(), summary.held()) ? Level.WARNING : Level.INFO,
                    TelemetryNames.CYCLE_EVENT + " " + json.writeValueAsString(cycleEvent(summary)));
        } catch (JsonProcessingException | RuntimeException e) {
            noteOwnFailure(TelemetryNames.CYCLE_EVENT, e);
        }
        try {
            recordCycleMetrics(summary);
        } catch (RuntimeException e) {
            noteOwnFailure(TelemetryNames.METRIC_CYCLES, e);
        }
    }

    @Override
    public void objectFailed(ObjectFailure failure) {
        try {
            logger.warning(TelemetryNames.OBJECT_FAILED_EVENT + " " + json.writeValueAsString(failureEvent(failure)));
        } catch (JsonProcessingException | RuntimeException e) {
            noteOwnFailure(TelemetryNames.OBJECT_FAILED_EVENT, e);
        }
        try {
            String reasonCode = SecretRedaction.redact(failure.reasonCode());
            objectFailures.add(1, attributes(b -> put(b, REASON_CODE, reasonCode)));
            actions.add(1, attributes(b -> {
                put(b, ACTION, label(failure.action()));
                put(b, STATUS, ProvisioningStatus.FAILURE.label());
            }));
        } catch (RuntimeException e) {
            noteOwnFailure(TelemetryNames.METRIC_OBJECT_FAILURES, e);
        }
    }

    /** Fields in the order of {@link TelemetryNames#CYCLE_EVENT_FIELDS}. */
    static Map<String, Object> cycleEvent(CycleSummary s) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("cycleId", s.cycleId());
        e.put("mode", name(s.mode()));
        e.put("status", name(s.status()));
        e.put("dryRun", s.dryRun());
        e.put("held", s.held());
        e.put("statusReason", SecretRedaction.redact(s.statusReason()));
        e.put("durationMs", s.durationMs());
        e.put("created", s.created());
        e.put("updated", s.updated());
        e.put("disabled", s.disabled());
        e.put("enabled", s.enabled());
        e.put("deleted", s.deleted());
        e.put("skipped", s.skipped());
        e.put("failed", s.failed());
        e.put("staged", s.staged());
        e.put("zendeskRequests", s.zendeskRequests());
        e.put("zendeskThrottled", s.zendeskThrottled());
        e.put("graphRequests", s.graphRequests());
        return e;
    }

    /** Fields in the order of {@link TelemetryNames#OBJECT_FAILED_EVENT_FIELDS}. */
    static Map<String, Object> failureEvent(ObjectFailure f) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("cycleId", f.cycleId());
        e.put("objectKind", name(f.objectKind()));
        e.put("objectId", f.objectId());
        e.put("action", label(f.action()));
        e.put("reasonCode", SecretRedaction.redact(f.reasonCode()));
        e.put("reason", SecretRedaction.redact(f.reason()));
        return e;
    }

    private void recordCycleMetrics(CycleSummary s) {
        Attributes cycle = attributes(b -> {
            put(b, STATUS, name(s.status()));
            put(b, MODE, name(s.mode()));
            b.put(DRY_RUN, s.dryRun());
        });
        cycles.add(1, cycle);
        cycleDuration.record(Math.max(0, s.durationMs()), cycle);
        // Failures are counted per object in objectFailed, where their action is known.
        addActions(ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, s.created(), s.dryRun());
        addActions(ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS, s.updated(), s.dryRun());
        addActions(ProvisioningAction.DISABLE, ProvisioningStatus.SUCCESS, s.disabled(), s.dryRun());
        addActions(ProvisioningAction.ENABLE, ProvisioningStatus.SUCCESS, s.enabled(), s.dryRun());
        addActions(ProvisioningAction.DELETE, ProvisioningStatus.SUCCESS, s.deleted(), s.dryRun());
        addActions(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, s.skipped(), s.dryRun());
        addActions(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED, s.staged(), s.dryRun());
        addPositive(zendeskRequests, s.zendeskRequests());
        addPositive(zendeskThrottled, s.zendeskThrottled());
        addPositive(graphRequests, s.graphRequests());
    }

    private void addActions(ProvisioningAction action, ProvisioningStatus status, long count, boolean dryRun) {
        if (count <= 0) return;
        actions.add(count, attributes(b -> {
            b.put(ACTION, action.label());
            b.put(STATUS, status.label());
            b.put(DRY_RUN, dryRun);
        }));
    }

    private static void addPositive(LongCounter counter, long count) {
        if (count > 0) counter.add(count);
    }

    static boolean isTrouble(CycleStatus status, boolean held) {
        return held || status == CycleStatus.FAILED || status == CycleStatus.HELD || status == CycleStatus.QUARANTINED;
    }

    private void noteOwnFailure(String event, Exception e) {
        try {
            // The exception's message could quote the event's data: name its type only.
            logger.warning("Telemetry could not record " + event + ": " + e.getClass().getName());
        } catch (RuntimeException ignored) {
            // A broken log handler must not break a provisioning cycle either.
        }
    }

    private static Attributes attributes(Consumer<AttributesBuilder> filler) {
        AttributesBuilder builder = Attributes.builder();
        filler.accept(builder);
        return builder.build();
    }

    private static void put(AttributesBuilder builder, AttributeKey<String> key, String value) {
        if (value != null) builder.put(key, value);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String label(ProvisioningAction action) {
        return action == null ? null : action.label();
    }
}
