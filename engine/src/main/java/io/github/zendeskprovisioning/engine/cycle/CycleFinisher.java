package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.actions.RemovalExecutor;
import io.github.zendeskprovisioning.engine.cycle.messages.CycleMessage;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemovals;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.scope.RoleCatalog;
import io.github.zendeskprovisioning.engine.scope.ScopeEvaluator;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import io.github.zendeskprovisioning.engine.state.Watermark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end of a cycle: the deletion guard over every suspension and deletion the cycle staged, then those
 * removals (or, when held, a StagedDelete log entry for each), quarantine when nearly everything failed, and
 * the watermark, committed only by a cycle that completed.
 */
public final class CycleFinisher {
    /** A cycle in which this share of attempted writes failed puts the job into quarantine. */
    static final double QUARANTINE_FAILURE_SHARE = 0.9;
    static final int QUARANTINE_MIN_ATTEMPTS = 5;

    private final EngineContext ctx;
    private final CycleQueues queues;
    private final RemovalExecutor removals;

    public CycleFinisher(EngineContext ctx, CycleQueues queues) {
        this.ctx = ctx;
        this.queues = queues;
        this.removals = new RemovalExecutor(ctx);
    }

    public void finish(PlanStep step) {
        CycleRecord cycle = ctx.stores().cycles().find(step.cycleId()).orElse(null);
        if (cycle == null || cycle.finishedAt() != null) return;
        RequestMeter requests = new RequestMeter(ctx);
        MessageQueue staged = queues.queue(CycleQueues.STAGED);
        List<QueueMessage> received = new ArrayList<>();
        Map<String, StagedRemoval> byObject = new LinkedHashMap<>();
        drain(staged, step.cycleId(), received, byObject);

        List<StagedRemoval> due = recheck(new ArrayList<>(byObject.values()), step.cycleId(), step.roles());
        JobState job = ctx.stores().cycles().jobState();
        DeletionGuard guard = new DeletionGuard(ctx.settings().deleteThreshold());
        boolean held = guard.holds(due.size(), job.deletionsApproved());
        Counts counts = new Counts();
        if (held) {
            hold(step, due, guard, cycle.dryRun(), counts);
        } else {
            removals.execute(step.cycleId(), step.stepId(), due, cycle.dryRun(), counts);
        }
        for (QueueMessage m : received) deleteQuietly(staged, m);

        Map<String, Long> all = Counts.merge(cycle.counts(), counts.toMap());
        Instant now = ctx.clock().instant();
        String quarantine = quarantineReason(all);
        CycleStatus status = quarantine != null ? CycleStatus.QUARANTINED : held ? CycleStatus.HELD : CycleStatus.COMPLETED;
        String reason = quarantine != null ? quarantine
                : held ? guard.reason(due.size())
                : cycle.dryRun() ? "dry run: nothing was written to Zendesk" : null;
        boolean commit = status == CycleStatus.COMPLETED && !cycle.dryRun();
        String previousGeneration = job.watermark().assignmentsGeneration();
        Watermark pending = cycle.pendingWatermark();
        ctx.stores().cycles().updateJobState(j -> {
            JobState next = j.withLastCycle(step.cycleId());
            if (commit) next = next.withWatermark(new Watermark(pending.usersDeltaToken(), pending.groupsDeltaToken(), step.cycleId(), now));
            if (!cycle.dryRun() && !held) next = next.withDeletionsApproved(false);
            if (quarantine != null) {
                int failedCycles = j.consecutiveFailedCycles() + 1;
                next = next.withQuarantine(quarantine, now.plus(backoff(failedCycles)), failedCycles);
            } else if (!cycle.dryRun()) {
                next = next.withQuarantine(null, null, 0);
            }
            return next;
        });
        if (commit && previousGeneration != null && !previousGeneration.equals(step.cycleId())) {
            ctx.stores().scope().deleteGeneration(previousGeneration);
        } else if (!commit) {
            ctx.stores().scope().deleteGeneration(step.cycleId());
        }
        Map<String, Long> finalCounts = Counts.merge(all, requests.since());
        CycleRecord done = ctx.stores().cycles().update(step.cycleId(), r -> r.finished(status, reason, now, finalCounts));
        ctx.observer().cycleFinished(summary(done, held, finalCounts));
    }

    private void drain(MessageQueue staged, String cycleId, List<QueueMessage> received, Map<String, StagedRemoval> byObject) {
        while (true) {
            List<QueueMessage> batch = staged.receive(32, Duration.ofMinutes(10));
            if (batch.isEmpty()) return;
            for (QueueMessage m : batch) {
                CycleMessage decoded;
                try {
                    decoded = queues.codec().decode(m.body());
                } catch (IllegalArgumentException e) {
                    deleteQuietly(staged, m);
                    continue;
                }
                if (decoded instanceof StagedRemovals s && s.cycleId().equals(cycleId)) {
                    s.removals().forEach(r -> byObject.put(r.kind() + "/" + r.entraId(), r));
                    received.add(m);
                } else {
                    // Left by a cycle that was restarted or ended: its removals are decided again by a later cycle.
                    deleteQuietly(staged, m);
                }
            }
        }
    }

    /**
     * A removal staged only because of scope is checked again against the final snapshot: a later batch of
     * the same cycle (another group's membership, a new assignment) may have brought the object back.
     */
    private List<StagedRemoval> recheck(List<StagedRemoval> staged, String generation, RoleContext roles) {
        List<String> userIds = staged.stream().filter(r -> r.scopeOnly() && r.kind() == ObjectKind.USER).map(StagedRemoval::entraId).toList();
        List<String> groupIds = staged.stream().filter(r -> r.scopeOnly() && r.kind() == ObjectKind.GROUP).map(StagedRemoval::entraId).toList();
        Set<String> backInScope = new HashSet<>();
        if (!userIds.isEmpty()) {
            ScopeEvaluator evaluator = new ScopeEvaluator(ctx.settings().scopeMode(), ctx.settings().mappings().defaultAccessInScope(),
                    new RoleCatalog(roles.appRoles(), roles.customRoles()));
            Map<String, List<Assignment>> direct = ctx.stores().scope().assignmentsOf(generation, userIds);
            Map<String, Set<String>> groupsOf = ctx.stores().scope().groupsOf(userIds);
            Set<String> groups = new HashSet<>();
            groupsOf.values().forEach(groups::addAll);
            Map<String, List<Assignment>> groupAssignments = groups.isEmpty() ? Map.of() : ctx.stores().scope().assignmentsOf(generation, groups);
            for (String id : userIds) {
                List<Assignment> via = new ArrayList<>();
                for (String g : groupsOf.getOrDefault(id, Set.of())) via.addAll(groupAssignments.getOrDefault(g, List.of()));
                // Enabled: a disabled account is never staged as scope-only.
                EntraUser probe = new EntraUser(id, Map.of("accountEnabled", "true"));
                if (evaluator.decide(probe, direct.getOrDefault(id, List.of()), via).inScope()) backInScope.add(id);
            }
        }
        if (!groupIds.isEmpty() && ctx.settings().scopeMode() == ScopeMode.ASSIGNED_ONLY) {
            backInScope.addAll(ctx.stores().scope().assignmentsOf(generation, groupIds).keySet());
        }
        return staged.stream().filter(r -> !(r.scopeOnly() && backInScope.contains(r.entraId()))).toList();
    }

    private void hold(PlanStep step, List<StagedRemoval> due, DeletionGuard guard, boolean dryRun, Counts counts) {
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        String reason = guard.reason(due.size());
        for (StagedRemoval r : due) {
            entries.add(new LogEntries(step.cycleId(), step.stepId(), r.kind(), r.entraId(), r.sourceName(), dryRun)
                    .target(r.zendeskId())
                    .step("scoping", "Skipped", r.reason())
                    .step("action", "Skipped", "held: would " + (r.action() == ProvisioningAction.DISABLE ? "suspend" : "delete"))
                    .finish(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED, reason, ctx.clock().instant()));
            counts.action(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED);
        }
        ctx.stores().log().append(entries);
    }

    private String quarantineReason(Map<String, Long> counts) {
        long attempted = counts.getOrDefault(Counts.ATTEMPTED_WRITES, 0L);
        long failed = counts.getOrDefault(Counts.FAILED, 0L);
        long credentialFailures = counts.getOrDefault(Counts.CREDENTIAL_FAILURES, 0L);
        if (credentialFailures > 0 && failed >= attempted) {
            return "Zendesk rejected the credentials (401) for every write; check ZENDESK_* settings, then run restart --scope quarantine";
        }
        if (attempted >= QUARANTINE_MIN_ATTEMPTS && failed >= QUARANTINE_FAILURE_SHARE * attempted) {
            return failed + " of " + attempted + " Zendesk writes failed; Zendesk may be down or refusing this account's requests";
        }
        return null;
    }

    /** Quarantined cycles back off: 1 h, 2 h, 4 h ... at most a day, as Entra's quarantine does. */
    static Duration backoff(int failedCycles) {
        long hours = Math.min(24, 1L << Math.min(failedCycles - 1, 5));
        return Duration.ofHours(hours);
    }

    private static void deleteQuietly(MessageQueue queue, QueueMessage m) {
        try {
            queue.delete(m);
        } catch (ConcurrentUpdateException e) {
            // Someone else holds it now; it will be read (and dropped as stale) again.
        }
    }

    private CycleSummary summary(CycleRecord r, boolean held, Map<String, Long> c) {
        long duration = r.finishedAt() == null || r.startedAt() == null ? 0 : Duration.between(r.startedAt(), r.finishedAt()).toMillis();
        return new CycleSummary(r.cycleId(), r.mode(), r.status(), r.dryRun(), held, r.statusReason(), duration,
                success(c, ProvisioningAction.CREATE), success(c, ProvisioningAction.UPDATE), success(c, ProvisioningAction.DISABLE),
                success(c, ProvisioningAction.ENABLE), success(c, ProvisioningAction.DELETE),
                c.getOrDefault(Counts.key(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED), 0L)
                        + c.getOrDefault(Counts.key(ProvisioningAction.SKIP, ProvisioningStatus.WARNING), 0L),
                c.getOrDefault(Counts.FAILED, 0L),
                c.getOrDefault(Counts.key(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED), 0L),
                c.getOrDefault(RequestMeter.ZENDESK_REQUESTS, 0L), c.getOrDefault(RequestMeter.ZENDESK_THROTTLED, 0L), c.getOrDefault(RequestMeter.GRAPH_REQUESTS, 0L));
    }

    private static long success(Map<String, Long> c, ProvisioningAction a) {
        return c.getOrDefault(Counts.key(a, ProvisioningStatus.SUCCESS), 0L);
    }
}
