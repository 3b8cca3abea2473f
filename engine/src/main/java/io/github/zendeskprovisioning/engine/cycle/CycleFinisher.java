package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.actions.RemovalExecutor;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.scope.RoleCatalog;
import io.github.zendeskprovisioning.engine.scope.ScopeEvaluator;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Watermark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The end of a cycle, as a short chain of plan steps so that any of them may die and be delivered again:
 * <ol>
 *   <li>{@code FINISH 0}: the deletion guard over every removal the cycle staged (stored rows, not messages),
 *       its verdict written into the cycle record with the step's marker. When an admin approved the removals
 *       a held cycle held, those of them still due go ahead uncounted; every other removal counts against the
 *       threshold as usual;</li>
 *   <li>{@code FINISH 1..n}: up to {@link #CHUNK} staged removals each: made (or, when held, logged as
 *       StagedDelete and marked held, so an approval can release exactly them), their counts stored under a
 *       marker named after the chunk, then marked settled; a chunk cut short is made again (suspending twice and
 *       deleting a deleted user change nothing; the log keeps one entry per change id) and counted once;</li>
 *   <li>when the cycle will commit: up to {@link #FORGET_PER_STEP} memberships of the groups it unassigned
 *       forgotten per step, until none is left;</li>
 *   <li>the step that finds nothing left unsettled: the quarantine policy over the cycle's counts, the hold
 *       recorded in the job state, the watermark (committed only by a cycle that completed), and the cycle's end.</li>
 * </ol>
 */
public final class CycleFinisher {
    /** Removals one finish step makes: one Zendesk bulk call and a few table transactions. */
    static final int CHUNK = 100;
    /** Memberships of unassigned groups one finish step forgets: one store read and about twenty transactions. */
    static final int FORGET_PER_STEP = 500;
    /** The step id the finish's log entries carry, whichever plan step made them, so a repeat keeps one entry. */
    private static final String LOG_STEP = "finish";

    private final EngineContext ctx;
    private final CycleProgress progress;
    private final RemovalExecutor removals;
    private final QuarantinePolicy quarantine;

    public CycleFinisher(EngineContext ctx, CycleProgress progress) {
        this(ctx, progress, QuarantinePolicy.DEFAULT);
    }

    public CycleFinisher(EngineContext ctx, CycleProgress progress, QuarantinePolicy quarantine) {
        this.ctx = ctx;
        this.progress = progress;
        this.removals = new RemovalExecutor(ctx);
        this.quarantine = quarantine;
    }

    /**
     * The guard's verdict, kept in the cycle record ({@link io.github.zendeskprovisioning.engine.state.CycleControl#decision()}):
     * whether the cycle holds its removals, how many it counted against the threshold, and the approved held cycle
     * whose removals go ahead uncounted ({@code releasedFrom}, with how many of them were still due).
     */
    record Decision(boolean held, int counted, String releasedFrom, int released) {
        private static final String HELD = "held:";
        private static final String GO = "go:";
        private static final String RELEASED = ";released:";

        String encode() {
            return (held ? HELD : GO) + counted + (releasedFrom == null ? "" : RELEASED + released + ":" + releasedFrom);
        }

        static Decision parse(String text) {
            boolean held = text.startsWith(HELD);
            if (!held && !text.startsWith(GO)) throw new IllegalArgumentException("not a finish decision: '" + text + "'");
            int cut = text.indexOf(RELEASED);
            String head = cut < 0 ? text : text.substring(0, cut);
            int counted = Integer.parseInt(head.substring(head.indexOf(':') + 1));
            if (cut < 0) return new Decision(held, counted, null, 0);
            String[] tail = text.substring(cut + RELEASED.length()).split(":", 2);
            return new Decision(held, counted, tail[1], Integer.parseInt(tail[0]));
        }
    }

    public void finish(PlanStep step) {
        CycleRecord cycle = ctx.stores().cycles().find(step.cycleId()).orElse(null);
        if (cycle == null || cycle.finishedAt() != null) return;
        String decision = cycle.control().decision();
        if (decision == null) {
            decide(step);
            return;
        }
        List<StagedRemoval> pending = ctx.stores().cycles().stagedRemovals(step.cycleId(), false);
        if (pending.isEmpty()) {
            if (!forgetSome(step, cycle, Decision.parse(decision))) complete(step, cycle, Decision.parse(decision));
        } else {
            settle(step, cycle, Decision.parse(decision), pending.subList(0, Math.min(CHUNK, pending.size())));
        }
    }

    private void decide(PlanStep step) {
        List<StagedRemoval> due = recheck(ctx.stores().cycles().stagedRemovals(step.cycleId(), false), step.cycleId(), step.roles());
        JobState job = ctx.stores().cycles().jobState();
        // Only an approval of a hold recorded by an earlier cycle releases anything; "approved" alone releases nothing.
        String releasedFrom = job.deletionsApproved() && job.heldCycleId() != null && !job.heldCycleId().equals(step.cycleId())
                ? job.heldCycleId() : null;
        Set<String> approved = releasedFrom == null ? Set.of() : keys(ctx.stores().cycles().heldRemovals(releasedFrom));
        int released = (int) due.stream().filter(r -> approved.contains(key(r))).count();
        int counted = due.size() - released;
        boolean held = guard().holds(counted);
        String verdict = new Decision(held, counted, releasedFrom, released).encode();
        progress.planStepDone(step, 0, Map.of(), r -> r.withControl(r.control().withDecision(verdict)), step.next(null));
    }

    private void settle(PlanStep step, CycleRecord cycle, Decision decision, List<StagedRemoval> chunk) {
        RequestMeter requests = new RequestMeter(ctx);
        List<StagedRemoval> due = recheck(chunk, step.cycleId(), step.roles());
        List<StagedRemoval> go = due;
        List<StagedRemoval> kept = List.of();
        if (decision.held()) {
            Set<String> approved = decision.releasedFrom() == null ? Set.of() : keys(ctx.stores().cycles().heldRemovals(decision.releasedFrom()));
            go = due.stream().filter(r -> approved.contains(key(r))).toList();
            kept = due.stream().filter(r -> !approved.contains(key(r))).toList();
        }
        Counts counts = new Counts();
        if (!go.isEmpty()) removals.execute(step.cycleId(), LOG_STEP, go, cycle.dryRun(), counts);
        if (!kept.isEmpty()) hold(step.cycleId(), kept, guard(), cycle.dryRun(), counts, decision.counted());
        Map<String, Long> made = Counts.merge(counts.toMap(), requests.since());
        ctx.stores().cycles().completeStep(step.cycleId(), chunkId(chunk), r -> r.withProgress(0, 0, Counts.merge(r.counts(), made)));
        ctx.stores().cycles().settleRemovals(step.cycleId(), chunk, kept);
        progress.planStepDone(step, 0, Map.of(), UnaryOperator.identity(), step.next(null));
    }

    private DeletionGuard guard() {
        return new DeletionGuard(ctx.settings().deleteThreshold());
    }

    private static String key(StagedRemoval r) {
        return r.kind() + "/" + r.entraId();
    }

    private static Set<String> keys(List<StagedRemoval> removals) {
        Set<String> keys = new HashSet<>();
        for (StagedRemoval r : removals) keys.add(key(r));
        return keys;
    }

    /** Named after its rows, so a chunk made again after a crash is recognised whichever step makes it. */
    private static String chunkId(List<StagedRemoval> chunk) {
        StringBuilder keys = new StringBuilder();
        for (StagedRemoval r : chunk) keys.append(r.kind()).append('/').append(r.entraId()).append('\n');
        return "finish-chunk-" + UUID.nameUUIDFromBytes(keys.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cycle's end status, as the job state now stands. A repeat of the final step after the job state was
     * updated reads the verdict back from it, so it ends the cycle (and commits, or not) as the first delivery decided.
     */
    private CycleStatus status(PlanStep step, CycleRecord cycle, Decision decision, JobState before, Instant now) {
        int heldCount = decision.held() ? decision.counted() : 0;
        boolean applied = step.cycleId().equals(before.lastCycleId());
        boolean quarantinedNow = !cycle.dryRun() && (applied ? before.quarantined() && before.failingCycles() > 0
                : quarantine.after(before, cycle.counts(), heldCount, guard().reason(decision.counted()), now).quarantinedNow());
        return quarantinedNow ? CycleStatus.QUARANTINED : decision.held() ? CycleStatus.HELD : CycleStatus.COMPLETED;
    }

    /**
     * Before the final step of a cycle that will commit: forgets up to {@link #FORGET_PER_STEP} memberships of
     * the groups it unassigned and sends the next finish step, so a group of any size is forgotten in bounded
     * steps. Still before the watermark moves (see {@link #forgetUnassignedGroups}); repeating a step only
     * removes what is left. False when nothing is left to forget (or the cycle will not commit).
     */
    private boolean forgetSome(PlanStep step, CycleRecord cycle, Decision decision) {
        JobState before = ctx.stores().cycles().jobState();
        if (cycle.dryRun() || status(step, cycle, decision, before, ctx.clock().instant()) != CycleStatus.COMPLETED) return false;
        for (String group : unassignedGroups(before.watermark().assignmentsGeneration(), step.cycleId())) {
            MemberPage page = ctx.stores().scope().membersPage(group, null, FORGET_PER_STEP);
            if (page.userIds().isEmpty()) continue;
            ctx.stores().scope().removeMembers(group, page.userIds());
            progress.planStepDone(step, 0, Map.of(), UnaryOperator.identity(), step.next(null));
            return true;
        }
        return false;
    }

    private void complete(PlanStep step, CycleRecord cycle, Decision decision) {
        boolean held = decision.held();
        boolean dryRun = cycle.dryRun();
        Map<String, Long> all = cycle.counts();
        Instant now = ctx.clock().instant();
        String heldReason = guard().reason(decision.counted());
        int heldCount = held ? decision.counted() : 0;
        JobState before = ctx.stores().cycles().jobState();
        CycleStatus status = status(step, cycle, decision, before, now);
        boolean quarantinedNow = status == CycleStatus.QUARANTINED;
        boolean commit = status == CycleStatus.COMPLETED && !dryRun;
        String previousGeneration = before.watermark().assignmentsGeneration();
        // Normally the finish steps before this one forgot them all and this finds nothing left.
        if (commit) forgetUnassignedGroups(previousGeneration, step.cycleId());
        Watermark pending = cycle.pendingWatermark();
        JobState after = ctx.stores().cycles().updateJobState(j -> {
            if (step.cycleId().equals(j.lastCycleId())) return j; // a repeat of this step: applied already
            JobState next = j.withLastCycle(step.cycleId());
            if (commit) next = next.withWatermark(new Watermark(pending.usersDeltaToken(), pending.groupsDeltaToken(), step.cycleId(), now,
                    pending.mappingHash()));
            if (dryRun) return next; // a dry run neither quarantines, nor holds, nor uses an approval
            QuarantinePolicy.Outcome q = quarantine.after(j, all, heldCount, heldReason, now);
            return next.withQuarantine(q.quarantine(), q.failingCycles()).withHeld(held ? step.cycleId() : null, heldCount);
        });
        String warning = !dryRun && !quarantinedNow && after.failingCycles() > 0
                ? quarantine.judge(all).map(c -> c.reason() + "; if the next cycle fails as a whole too, the job goes into quarantine").orElse(null)
                : null;
        String reason = quarantinedNow ? (after.quarantine() != null ? after.quarantine().reason() : "quarantined")
                : held ? heldReason + (warning == null ? "" : ". " + warning)
                : dryRun ? "dry run: nothing was written to Zendesk" : warning;
        if (commit && previousGeneration != null && !previousGeneration.equals(step.cycleId())) {
            ctx.stores().scope().deleteGeneration(previousGeneration);
        } else if (!commit) {
            ctx.stores().scope().deleteGeneration(step.cycleId());
        }
        AtomicBoolean endedHere = new AtomicBoolean();
        CycleRecord done = ctx.stores().cycles().update(step.cycleId(), r -> {
            endedHere.set(r.finishedAt() == null);
            return r.finishedAt() != null ? r : r.finished(status, reason, now, r.counts());
        });
        if (endedHere.get()) ctx.observer().cycleFinished(summary(done, held, done.counts()));
    }

    /**
     * The membership half of the commit: groups assigned in the committed generation and not in this one (or
     * deleted) are forgotten now, together with the watermark, never earlier. Done before the watermark moves,
     * so a finish step that dies in between does it again (it is idempotent) instead of losing it.
     */
    private void forgetUnassignedGroups(String previousGeneration, String generation) {
        for (String group : unassignedGroups(previousGeneration, generation)) ctx.stores().scope().removeGroup(group);
    }

    private List<String> unassignedGroups(String previousGeneration, String generation) {
        if (previousGeneration == null || previousGeneration.equals(generation)
                || ctx.settings().scopeMode() != ScopeMode.ASSIGNED_ONLY) return List.of();
        AssignmentDiff diff = AssignmentDiff.between(ctx.stores().scope().assignments(previousGeneration),
                ctx.stores().scope().assignments(generation));
        return diff.changedGroups().stream().filter(g -> !diff.assignedNow(g)).toList();
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

    private void hold(String cycleId, List<StagedRemoval> due, DeletionGuard guard, boolean dryRun, Counts counts, int counted) {
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        String reason = guard.reason(counted);
        for (StagedRemoval r : due) {
            entries.add(new LogEntries(cycleId, LOG_STEP, r.kind(), r.entraId(), r.sourceName(), dryRun)
                    .target(r.zendeskId())
                    .step("scoping", "Skipped", r.reason())
                    .step("action", "Skipped", "held: would " + (r.action() == ProvisioningAction.DISABLE ? "suspend" : "delete"))
                    .finish(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED, reason, ctx.clock().instant()));
            counts.action(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED);
        }
        ctx.stores().log().append(entries);
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
