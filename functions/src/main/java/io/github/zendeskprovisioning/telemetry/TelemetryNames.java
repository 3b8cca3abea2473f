package io.github.zendeskprovisioning.telemetry;

import java.util.List;

/**
 * Every name the product emits to Application Insights, in one place. The alert rules and the workbook in
 * {@code infra/} query exactly these (a test checks it), and docs/telemetry.md explains them.
 *
 * <p>Events are log lines written as {@code <EventName> <one-line JSON object>}; with the Application
 * Insights Java agent they land in {@code traces} (message column). Metrics go through the OpenTelemetry
 * API and land in {@code customMetrics} under these names.
 */
public final class TelemetryNames {
    private TelemetryNames() {
    }

    /** One per finished cycle. */
    public static final String CYCLE_EVENT = "ProvisioningCycleFinished";
    /** One per object that failed in a cycle. */
    public static final String OBJECT_FAILED_EVENT = "ProvisioningObjectFailed";

    /** Fields of {@link #CYCLE_EVENT}. */
    public static final List<String> CYCLE_EVENT_FIELDS = List.of(
            "cycleId", "mode", "status", "dryRun", "held", "statusReason", "durationMs",
            "created", "updated", "disabled", "enabled", "deleted", "skipped", "failed", "staged",
            "zendeskRequests", "zendeskThrottled", "graphRequests");
    /** Fields of {@link #OBJECT_FAILED_EVENT}. */
    public static final List<String> OBJECT_FAILED_EVENT_FIELDS = List.of(
            "cycleId", "objectKind", "objectId", "action", "reasonCode", "reason");

    /** Counter: cycles finished; attributes {@code status}, {@code mode}, {@code dryRun}. */
    public static final String METRIC_CYCLES = "provisioning.cycles";
    /**
     * Counter: objects handled; attributes {@code action} (Create, Update, ...), {@code status} (Success,
     * Failure, Skipped) and, for the counts of a finished cycle, {@code dryRun}.
     */
    public static final String METRIC_ACTIONS = "provisioning.actions";
    /** Counter: objects that failed; attribute {@code reasonCode}. */
    public static final String METRIC_OBJECT_FAILURES = "provisioning.object.failures";
    /** Histogram (milliseconds): cycle duration; attributes {@code status}, {@code mode}, {@code dryRun}. */
    public static final String METRIC_CYCLE_DURATION = "provisioning.cycle.duration";
    /** Counter: requests sent to Zendesk (added once per cycle, from the cycle's summary). */
    public static final String METRIC_ZENDESK_REQUESTS = "zendesk.requests";
    /** Counter: 429 answers from Zendesk. */
    public static final String METRIC_ZENDESK_THROTTLED = "zendesk.throttled";
    /** Counter: requests sent to Microsoft Graph. */
    public static final String METRIC_GRAPH_REQUESTS = "graph.requests";

    /** Every attribute a metric carries (its {@code customDimensions} in Application Insights). */
    public static final List<String> METRIC_ATTRIBUTES = List.of("status", "mode", "dryRun", "action", "reasonCode");

    public static final List<String> METRICS = List.of(METRIC_CYCLES, METRIC_ACTIONS, METRIC_OBJECT_FAILURES,
            METRIC_CYCLE_DURATION, METRIC_ZENDESK_REQUESTS, METRIC_ZENDESK_THROTTLED, METRIC_GRAPH_REQUESTS);
}
