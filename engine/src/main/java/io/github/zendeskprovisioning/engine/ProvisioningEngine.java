package io.github.zendeskprovisioning.engine;

import io.github.zendeskprovisioning.engine.cycle.CycleFinisher;
import io.github.zendeskprovisioning.engine.cycle.CyclePlanner;
import io.github.zendeskprovisioning.engine.cycle.CycleProgress;
import io.github.zendeskprovisioning.engine.cycle.CycleQueues;
import io.github.zendeskprovisioning.engine.cycle.CycleSupervisor;
import io.github.zendeskprovisioning.engine.cycle.GroupBatchProcessor;
import io.github.zendeskprovisioning.engine.cycle.OnDemandProvisioning;
import io.github.zendeskprovisioning.engine.cycle.TenantCopies;
import io.github.zendeskprovisioning.engine.cycle.UserBatchProcessor;
import io.github.zendeskprovisioning.engine.cycle.BatchOutcome;
import io.github.zendeskprovisioning.engine.cycle.Counts;
import io.github.zendeskprovisioning.engine.cycle.LogEntries;
import io.github.zendeskprovisioning.engine.cycle.RequestMeter;
import io.github.zendeskprovisioning.engine.cycle.messages.CycleMessage;
import io.github.zendeskprovisioning.engine.cycle.messages.GroupBatch;
import io.github.zendeskprovisioning.engine.cycle.messages.Phase;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemovals;
import io.github.zendeskprovisioning.engine.cycle.messages.UserBatch;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.state.CycleControl;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Quarantine;
import io.github.zendeskprovisioning.engine.state.Requester;
import io.github.zendeskprovisioning.engine.state.Watermark;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the triggers, the CLI and the local host call: start a cycle, handle a queue message, report status,
 * approve held deletions, restart, pause, resume, provision one object on demand, read the logs.
 */
public final class ProvisioningEngine {
    private static final DateTimeFormatter CYCLE_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final EngineContext ctx;
    private final CycleQueues queues;
    private final CycleProgress progress;
    private final CyclePlanner planner;
    private final CycleFinisher finisher;
    private final UserBatchProcessor users;
    private final GroupBatchProcessor groups;
    private final CycleSupervisor supervisor;

    public ProvisioningEngine(EngineContext ctx) {
        this.ctx = ctx;
        this.queues = new CycleQueues(ctx.stores().queues());
        this.progress = new CycleProgress(ctx, queues);
        // One copy of the tenant per engine, shared by its planner and its user and group batches (read once per initial cycle).
        TenantCopies copies = new TenantCopies(ctx.stores());
        this.planner = new CyclePlanner(ctx, queues, progress, copies);
        this.finisher = new CycleFinisher(ctx, progress);
        this.users = new UserBatchProcessor(ctx, copies);
        this.groups = new GroupBatchProcessor(ctx, copies);
        this.supervisor = new CycleSupervisor(ctx, queues, progress);
    }

    public EngineContext context() {
        return ctx;
    }

    public enum StartOutcome { STARTED, ALREADY_RUNNING, QUARANTINED, PAUSED }

    /**
     * What a start request did. {@code resumed}: the cycle was already running, its runner was gone, and this
     * request took it over (the cycle is the old one, moving again).
     */
    public record StartResult(StartOutcome outcome, CycleRecord cycle, String message, boolean resumed) {
        public StartResult(StartOutcome outcome, CycleRecord cycle, String message) {
            this(outcome, cycle, message, false);
        }
    }

    /** As {@link #startCycle(boolean, boolean, String, String, Requester)}, the trigger naming the lease holder and requester too. */
    public StartResult startCycle(boolean initial, boolean dryRun, String trigger) {
        return startCycle(initial, dryRun, trigger, trigger);
    }

    /** As {@link #startCycle(boolean, boolean, String, String, Requester)}, the trigger naming the requester. */
    public StartResult startCycle(boolean initial, boolean dryRun, String trigger, String holder) {
        return startCycle(initial, dryRun, trigger, holder, named(trigger));
    }

    /**
     * Starts a cycle (see below) and logs the request with who asked. The timer's start requests are logged only
     * when they start a cycle: a paused or busy job would otherwise log one entry per tick.
     */
    public StartResult startCycle(boolean initial, boolean dryRun, String trigger, String holder, Requester requester) {
        StartResult r = start(initial, dryRun, trigger, holder);
        boolean started = r.outcome() == StartOutcome.STARTED;
        if (started || !"timer".equals(trigger)) {
            String what = (dryRun ? "dry-run " : "") + (initial ? "initial " : "") + "sync";
            logOperatorAction(r.cycle() == null ? null : r.cycle().cycleId(), what, requester,
                    started ? ProvisioningStatus.SUCCESS : ProvisioningStatus.SKIPPED, r.message(), List.of(),
                    r.cycle() != null && r.cycle().dryRun());
        }
        return r;
    }

    /**
     * Starts a cycle: initial when asked, or when no watermark exists yet; incremental otherwise. The timer
     * respects pause and quarantine; an explicit request (CLI, HTTP) respects quarantine only. A cycle already
     * running is not replaced: while someone drives it the answer is ALREADY_RUNNING (saying who); when its
     * runner is gone (lease lapsed, nothing moved for a while) this request takes it over: {@code holder} gets
     * the lease, the due step is sent again, and the answer is STARTED with {@code resumed}.
     */
    private StartResult start(boolean initial, boolean dryRun, String trigger, String holder) {
        Instant now = ctx.clock().instant();
        JobState job = ctx.stores().cycles().jobState();
        if ("timer".equals(trigger) && job.paused()) {
            return new StartResult(StartOutcome.PAUSED, null, "provisioning is paused; POST resume (or `resume`) to go on");
        }
        if (job.currentCycleId() != null) {
            Optional<CycleRecord> running = ctx.stores().cycles().find(job.currentCycleId())
                    .filter(c -> c.status() == CycleStatus.RUNNING && c.finishedAt() == null);
            if (running.isPresent()) return joinOrTakeOver(running.get(), holder, now);
        }
        Quarantine q = job.quarantine();
        if (job.quarantined() && q.nextAttemptAt() != null && q.nextAttemptAt().isAfter(now)) {
            return new StartResult(StartOutcome.QUARANTINED, null, refusal(q));
        }
        boolean dry = dryRun || ctx.settings().dryRun();
        String mappingHash = ctx.settings().mappings().contentHash();
        // A changed mapping can change any user's result, and an incremental cycle only sees those Entra changed.
        boolean mappingChanged = !initial && job.watermark().mappingChangedFrom(mappingHash);
        CycleMode mode = initial || mappingChanged || !job.watermark().exists() ? CycleMode.INITIAL : CycleMode.INCREMENTAL;
        String cycleId = CYCLE_ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            ctx.stores().cycles().updateJobState(j -> {
                if (j.currentCycleId() != null && !j.currentCycleId().equals(job.currentCycleId())) {
                    throw new ConcurrentUpdateException("another cycle started at the same moment", null);
                }
                return j.withCurrentCycle(cycleId);
            });
        } catch (ConcurrentUpdateException e) {
            return new StartResult(StartOutcome.ALREADY_RUNNING, null, "another cycle started at the same moment");
        }
        if (mode == CycleMode.INITIAL && !dry) {
            // A full re-evaluation rebuilds the membership snapshot from the initial delta round; until it
            // completes, the next cycle is initial too.
            ctx.stores().scope().clear();
            ctx.stores().cycles().updateJobState(j -> j.withWatermark(Watermark.none()));
        }
        PlanStep first = new PlanStep(cycleId, Phase.ASSIGNMENTS, 0, null, new RoleContext(List.of(), List.of()));
        CycleControl control = CycleControl.NONE.withPlanStep(queues.codec().encode(first))
                .withLease(holder, now.plus(CycleSupervisor.LEASE)).movedAt(now);
        CycleRecord cycle = ctx.stores().cycles().create(new CycleRecord(cycleId, mode, dry, trigger, CycleStatus.RUNNING, now,
                null, Map.of(), 0, 0, false, Phase.ASSIGNMENTS.name(), null, Watermark.none().withMappingHash(mappingHash), control, null));
        queues.send(first);
        return new StartResult(StartOutcome.STARTED, cycle, (dry ? "dry-run " : "") + mode.name().toLowerCase() + " cycle " + cycleId + " started"
                + (mappingChanged ? " (the mapping configuration changed since the last completed cycle: every user and group is"
                        + " re-evaluated, and only real changes are written)" : ""));
    }

    /** Why a start is refused in quarantine: the code, since when, how many attempts, the next one, and why. */
    private static String refusal(Quarantine q) {
        return "in quarantine (" + q.code() + ") since " + q.since() + ", " + q.attempts() + (q.attempts() == 1 ? " attempt" : " attempts")
                + "; next attempt at " + q.nextAttemptAt() + ": " + q.reason() + " (restart --scope quarantine to retry now)";
    }

    private StartResult joinOrTakeOver(CycleRecord running, String holder, Instant now) {
        if (supervisor.alive(running, now)) {
            return new StartResult(StartOutcome.ALREADY_RUNNING, running, supervisor.describe(running, now));
        }
        String before = supervisor.describe(running, now);
        CycleRecord taken = supervisor.lease(running.cycleId(), holder).orElse(running);
        Optional<CycleSupervisor.Push> push = supervisor.push(true);
        if (push.isPresent() && push.get().lost()) {
            failCycle(running.cycleId(), push.get().description());
            return new StartResult(StartOutcome.ALREADY_RUNNING, null, before + ": " + push.get().description()
                    + "; start again for a new cycle");
        }
        return new StartResult(StartOutcome.STARTED, taken, before + "; its runner is gone, so " + holder
                + " took it over and drives it to its end", true);
    }

    /**
     * For a process that works the queues ({@code sync}, {@code serve}): renews {@code holder}'s lease on the
     * current cycle (or takes a lapsed one over), then runs the watchdog. Returns what the watchdog did.
     */
    public Optional<String> keepAlive(String holder) {
        JobState job = ctx.stores().cycles().jobState();
        if (job.currentCycleId() == null) return Optional.empty();
        supervisor.lease(job.currentCycleId(), holder);
        Optional<CycleSupervisor.Push> push = supervisor.push(false);
        push.filter(CycleSupervisor.Push::lost).ifPresent(p -> failCycle(p.cycleId(), p.description()));
        return push.map(CycleSupervisor.Push::description);
    }

    /** Who drives the cycle, in words (for {@code sync} when it joins one). */
    public String describe(CycleRecord cycle) {
        return supervisor.describe(cycle, ctx.clock().instant());
    }

    /**
     * Handles one message from the plan or work queue. A bad message throws IllegalArgumentException (the
     * host retries it, then moves it to the poison queue); an Entra read that fails ends the cycle as
     * failed, without suspending anybody.
     */
    public void handle(String body) {
        CycleMessage message = queues.codec().decode(body);
        CycleRecord cycle = ctx.stores().cycles().find(message.cycleId()).orElse(null);
        if (cycle == null || cycle.finishedAt() != null) return;
        RequestMeter meter = new RequestMeter(ctx);
        try {
            if (message instanceof PlanStep p) {
                handlePlanStep(p, cycle, meter);
            } else if (message instanceof UserBatch b) {
                BatchOutcome outcome = users.process(cycle, b.stepId(), b.roles(), b.users());
                afterBatch(b.cycleId(), b.stepId(), outcome, meter, b.roles());
            } else if (message instanceof GroupBatch g) {
                BatchOutcome outcome = groups.process(g.cycleId(), g.stepId(), g.cycleId(), g.groups(), cycle.dryRun());
                afterBatch(g.cycleId(), g.stepId(), outcome, meter, g.roles());
            } else if (message instanceof StagedRemovals) {
                throw new IllegalArgumentException("staged removals are read by the finish step, not by a worker");
            }
        } catch (EntraReadException e) {
            failCycle(message.cycleId(), "reading Entra failed: " + e.getMessage() + " (nothing was suspended on the strength of it)");
        } catch (ZendeskException e) {
            // Batches turn Zendesk errors into per-object failures; one reaching here stopped a planning step.
            failCycle(message.cycleId(), (e.credentialsRejected() ? "Zendesk rejected the credentials: " : "Zendesk failed: ")
                    + e.getMessage() + " (nothing was suspended)");
        }
    }

    /**
     * A plan step is handled by one delivery at a time: the one that claims it. A delivery that finds it done
     * sends what comes next again (its first delivery may have died before sending); one that finds it claimed
     * by another comes back when that claim is released or has lapsed.
     */
    private void handlePlanStep(PlanStep p, CycleRecord cycle, RequestMeter meter) {
        // The record read with the message mostly names this step as due, which answers "done?" without a read.
        if (!progress.isDue(cycle, p) && ctx.stores().cycles().stepDone(p.cycleId(), p.stepId())) {
            progress.planStepRedelivered(cycle, p);
            return;
        }
        String token = CycleSupervisor.newClaimToken();
        CycleRecord claimed = supervisor.claim(p, token, cycle);
        if (claimed.finishedAt() != null) return;
        if (!claimed.control().claimedBy(token)) {
            queues.sendLater(p.asResent(), supervisor.claimWait(claimed));
            return;
        }
        try {
            if (p.phase() == Phase.FINISH) {
                finisher.finish(p);
                return;
            }
            // The step's requests are counted with its completion: no second write of the record, none counted twice.
            planner.handle(p, claimed, meter);
        } catch (RuntimeException e) {
            supervisor.release(p.cycleId(), token);
            throw e;
        }
    }

    private void afterBatch(String cycleId, String stepId, BatchOutcome outcome, RequestMeter meter, RoleContext roles) {
        // Stored before the batch counts as done: a batch cut short in between stages the same rows again.
        if (!outcome.staged().isEmpty()) ctx.stores().cycles().stageRemovals(cycleId, outcome.staged());
        progress.batchDone(cycleId, stepId, Counts.merge(outcome.counts(), meter.since()), roles);
    }

    /** Ends a cycle as failed: no suspension it staged is made, the watermark stays where it was. */
    public void failCycle(String cycleId, String reason) {
        Instant now = ctx.clock().instant();
        CycleRecord done;
        try {
            done = ctx.stores().cycles().update(cycleId, r -> r.finishedAt() != null ? r : r.finished(CycleStatus.FAILED, reason, now, r.counts()));
        } catch (java.util.NoSuchElementException e) {
            return;
        }
        ctx.stores().cycles().updateJobState(j -> cycleId.equals(j.currentCycleId()) ? j.withLastCycle(cycleId) : j);
        ctx.stores().scope().deleteGeneration(cycleId);
        ctx.observer().cycleFinished(new CycleSummary(cycleId, done.mode(), CycleStatus.FAILED, done.dryRun(), false, reason,
                Duration.between(done.startedAt(), now).toMillis(), 0, 0, 0, 0, 0, 0, done.count(Counts.FAILED), 0,
                done.count(RequestMeter.ZENDESK_REQUESTS), done.count(RequestMeter.ZENDESK_THROTTLED), done.count(RequestMeter.GRAPH_REQUESTS)));
    }

    /** The job, the current or last cycle, and recent cycles. */
    public JobStatus status() {
        JobState job = ctx.stores().cycles().jobState();
        List<CycleRecord> recent = ctx.stores().cycles().recent(10);
        CycleRecord current = job.currentCycleId() == null ? null : ctx.stores().cycles().find(job.currentCycleId()).orElse(null);
        CycleRecord last = job.lastCycleId() == null ? null : ctx.stores().cycles().find(job.lastCycleId()).orElse(null);
        Map<io.github.zendeskprovisioning.engine.state.ObjectKind, Integer> escrowed = ctx.stores().escrow().countsByKind();
        return new JobStatus(job, current, last, recent, escrowed.values().stream().mapToInt(Integer::intValue).sum(), escrowed);
    }

    /**
     * Lets the next cycle make exactly the suspensions and deletions the guard held in the held cycle named in the
     * job state, once (those still due then); any other removal of that cycle counts against the threshold as usual.
     */
    public JobState approveDeletions(Requester requester) {
        JobState before = ctx.stores().cycles().jobState();
        JobState after = ctx.stores().cycles().updateJobState(j -> j.withDeletionsApproved(true));
        String result = after.heldCycleId() == null
                ? "no cycle holds removals now: nothing to release"
                : "the next cycle makes the " + after.heldCount() + " suspensions and deletions held by cycle " + after.heldCycleId()
                        + " (those still due); other removals count against the threshold as usual";
        logOperatorAction(null, "approve-deletions", requester, ProvisioningStatus.SUCCESS, result,
                List.of(changed("deletionsApproved", before.deletionsApproved(), true)), false);
        return after;
    }

    public JobState pause(Requester requester) {
        JobState before = ctx.stores().cycles().jobState();
        JobState after = ctx.stores().cycles().updateJobState(j -> j.withPaused(true));
        logOperatorAction(null, "pause", requester, ProvisioningStatus.SUCCESS, "timer cycles are paused",
                List.of(changed("paused", before.paused(), true)), false);
        return after;
    }

    public JobState resume(Requester requester) {
        JobState before = ctx.stores().cycles().jobState();
        JobState after = ctx.stores().cycles().updateJobState(j -> j.withPaused(false));
        logOperatorAction(null, "resume", requester, ProvisioningStatus.SUCCESS, "timer cycles resume",
                List.of(changed("paused", before.paused(), false)), false);
        return after;
    }

    /** For callers that name no requester (tests, embedders): logged as asked by "engine caller". */
    public JobState approveDeletions() {
        return approveDeletions(UNNAMED);
    }

    public JobState pause() {
        return pause(UNNAMED);
    }

    public JobState resume() {
        return resume(UNNAMED);
    }

    public enum RestartScope {
        WATERMARK, ESCROWS, QUARANTINE, FULL;

        public static RestartScope parse(String value) {
            for (RestartScope s : values()) if (s.name().equalsIgnoreCase(value.trim())) return s;
            throw new IllegalArgumentException("unknown restart scope '" + value + "' (one of watermark, escrows, quarantine, full)");
        }
    }

    /**
     * As Entra's restart: forget the watermark (the next cycle is initial), the escrows, the quarantine, or
     * all of it with the running cycle and its queued messages. Links are kept: they are what prevents duplicates.
     */
    public JobState restart(Set<RestartScope> scopes) {
        return restart(scopes, UNNAMED);
    }

    /** As {@link #restart(Set)}, logged with who asked and the scopes. */
    public JobState restart(Set<RestartScope> scopes, Requester requester) {
        JobState after = reset(scopes);
        String named = scopes.stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList().toString();
        logOperatorAction(null, "restart " + named, requester, ProvisioningStatus.SUCCESS,
                "the next cycle is " + (after.watermark().exists() ? "incremental" : "initial"), List.of(), false);
        return after;
    }

    private JobState reset(Set<RestartScope> scopes) {
        boolean full = scopes.contains(RestartScope.FULL);
        if (full) {
            JobState job = ctx.stores().cycles().jobState();
            if (job.currentCycleId() != null) failCycle(job.currentCycleId(), "ended by restart");
            for (String q : List.of(CycleQueues.PLAN, CycleQueues.WORK, CycleQueues.STAGED)) queues.queue(q).clear();
            ctx.stores().scope().clear();
        }
        if (full || scopes.contains(RestartScope.ESCROWS)) ctx.stores().escrow().clear();
        return ctx.stores().cycles().updateJobState(j -> {
            JobState next = j;
            if (full || scopes.contains(RestartScope.WATERMARK)) next = next.withWatermark(Watermark.none());
            if (full || scopes.contains(RestartScope.QUARANTINE)) next = next.withQuarantine(null, 0);
            if (full) next = next.withCurrentCycle(null).withHeld(null, 0);
            return next;
        });
    }

    /** What a cycle would do with one Entra user, writing nothing anywhere. */
    public io.github.zendeskprovisioning.engine.cycle.MappingPreview.Result preview(String objectId) {
        return new io.github.zendeskprovisioning.engine.cycle.MappingPreview(ctx).preview(objectId);
    }

    public OnDemandProvisioning.Result provision(String objectId) {
        return provision(objectId, UNNAMED);
    }

    /** Provisions one object now, logging the request (under the on-demand cycle) with who asked. */
    public OnDemandProvisioning.Result provision(String objectId, Requester requester) {
        return provision(objectId, null, requester, OnDemandProvisioning.Listener.NONE);
    }

    /**
     * As above, telling {@code listener} each step as it is made; the run's log entry (who asked, each step) is
     * rewritten with every step under cycle {@code ondemand-<runId>} when the caller chose a {@code runId}.
     */
    public OnDemandProvisioning.Result provision(String objectId, String runId, Requester requester,
                                                 OnDemandProvisioning.Listener listener) {
        return new OnDemandProvisioning(ctx).provision(objectId, runId, requester, listener);
    }

    private void logOperatorAction(String cycleId, String action, Requester requester, ProvisioningStatus status,
                                   String result, List<ModifiedProperty> modified, boolean dryRun) {
        ctx.stores().log().append(List.of(LogEntries.operatorAction(cycleId, action, requester, status, result, modified,
                dryRun, ctx.clock().instant())));
    }

    private static ModifiedProperty changed(String name, boolean before, boolean after) {
        return new ModifiedProperty(name, Boolean.toString(before), Boolean.toString(after));
    }

    private static Requester named(String trigger) {
        return "timer".equals(trigger) ? Requester.timer() : new Requester(trigger == null ? "engine caller" : trigger, null);
    }

    private static final Requester UNNAMED = new Requester("engine caller", null);

    public LogPage logs(LogQuery query, int top, String continuationToken) {
        return ctx.stores().log().query(query, top, continuationToken);
    }

    public record JobStatus(JobState job, CycleRecord current, CycleRecord last, List<CycleRecord> recent, int escrowed,
                            Map<io.github.zendeskprovisioning.engine.state.ObjectKind, Integer> escrowedByKind) {
        /** Entra's "steady state": the last cycle completed and nothing waits for a retry. */
        public boolean steadyState() {
            return last != null && last.status() == CycleStatus.COMPLETED && escrowed == 0 && !job.quarantined();
        }
    }
}
