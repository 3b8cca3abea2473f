package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Requester;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds one provisioning log entry step by step (import, scoping, matching, action), the way Entra's
 * provisioning logs read. The change id is derived from cycle, step, object and action, so a replayed
 * message writes the same entry again instead of a second one.
 */
public final class LogEntries {
    /** The cycle id of operator actions that belong to no cycle (pause, resume, restart, approval). */
    public static final String OPERATOR_CYCLE = "operator";
    /** The source id of operator action entries: {@code logs --object job} lists them all. */
    public static final String JOB = "job";

    private final String cycleId;
    private final String stepId;
    private final ObjectKind kind;
    private final String sourceId;
    private final boolean dryRun;
    private final List<LogStep> steps = new ArrayList<>();
    private final List<ModifiedProperty> modified = new ArrayList<>();
    private String sourceName;
    private Long targetId;
    /** The step whose prefix the change id takes (see {@link #changeId}); the entry's own step unless set. */
    private String prefixStep;

    public LogEntries(String cycleId, String stepId, ObjectKind kind, String sourceId, String sourceName, boolean dryRun) {
        this.cycleId = cycleId;
        this.stepId = stepId;
        this.kind = kind;
        this.sourceId = sourceId;
        this.sourceName = sourceName;
        this.dryRun = dryRun;
    }

    /**
     * The change id takes {@code batchStepId}'s prefix, while the entry's own step (a part of that batch, such as one
     * group's members) still keys it: the entries of a whole batch are then looked up as one key range.
     */
    public LogEntries prefixedBy(String batchStepId) {
        this.prefixStep = batchStepId;
        return this;
    }

    public LogEntries step(String name, String outcome, String detail) {
        steps.add(new LogStep(name, outcome, detail));
        return this;
    }

    public LogEntries modified(List<ModifiedProperty> properties) {
        modified.addAll(properties);
        return this;
    }

    public LogEntries target(Long zendeskId) {
        this.targetId = zendeskId;
        return this;
    }

    public LogEntries sourceName(String name) {
        if (name != null) this.sourceName = name;
        return this;
    }

    public Long targetId() {
        return targetId;
    }

    public ProvisioningLogEntry finish(ProvisioningAction action, ProvisioningStatus status, String reason, Instant at) {
        String key = cycleId + "|" + stepId + "|" + kind + "|" + sourceId + "|" + action;
        String changeId = changeId(cycleId + "|" + (prefixStep != null ? prefixStep : stepId), key);
        String text = dryRun && reason != null ? "dry run: " + reason : reason;
        return new ProvisioningLogEntry(cycleId, changeId, at, kind, sourceId, sourceName, targetId, action, status,
                dryRun, steps, modified, text);
    }

    /**
     * A name-based UUID of {@code key} whose first 8 hex digits are those of {@code step}'s: the entries of one
     * step (one batch, one group's members) share that prefix, so a log store can look up a batch's earlier
     * entries by one key range instead of one key each. Still deterministic, so a replay gets the same ids.
     */
    static String changeId(String step, String key) {
        String stepPart = UUID.nameUUIDFromBytes(step.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
        return stepPart + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().substring(8);
    }

    /**
     * One entry for an operator action: what was done, by whom and from where (a {@code RequestedBy} step whose
     * outcome is who asked and whose detail is from where). Each request is its own change.
     */
    public static ProvisioningLogEntry operatorAction(String cycleId, String action, Requester requester, ProvisioningStatus status,
                                                      String result, List<ModifiedProperty> modified, boolean dryRun, Instant at) {
        String reason = action + " requested by " + requester.text() + (result == null ? "" : ": " + result);
        List<LogStep> steps = List.of(new LogStep("RequestedBy", requester.who(), requester.via()),
                new LogStep("Action", status.label(), result == null ? action : action + ": " + result));
        return new ProvisioningLogEntry(cycleId == null ? OPERATOR_CYCLE : cycleId, UUID.randomUUID().toString(), at, ObjectKind.JOB,
                JOB, "provisioning job", null, ProvisioningAction.OPERATOR_ACTION, status, dryRun, steps, modified, reason);
    }
}
