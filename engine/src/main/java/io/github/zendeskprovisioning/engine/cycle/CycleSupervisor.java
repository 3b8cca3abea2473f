package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.JobState;

import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a running cycle moving when the processes working it die. Three things, all stored in the cycle
 * record and changed only by conditional writes:
 * <ul>
 *   <li>the <b>lease</b>: the process driving the cycle ({@code sync}, {@code serve}) renews it every few
 *       seconds; once it lapses anyone may take the cycle over;</li>
 *   <li>the <b>claim</b> on the due plan step: the one delivery handling it; a second delivery of the same
 *       step (a redelivery, a copy) waits for the claim to be released or to lapse;</li>
 *   <li>the <b>watchdog</b>: a cycle in which nothing moved for {@link #STALL} and that has no message on its
 *       queues gets its due plan step sent again (or its next phase, when its batches are all done).</li>
 * </ul>
 */
public final class CycleSupervisor {
    /** How long a lease lasts without renewal; runners renew it every {@link #RENEW_EVERY}. */
    public static final Duration LEASE = Duration.ofSeconds(30);
    public static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    /** A plan step reads one Graph page and takes seconds; a claim older than this belongs to a dead handler. */
    public static final Duration CLAIM = Duration.ofSeconds(60);
    /** A cycle in which no step completed for this long, with nothing on its queues, lost its way. */
    public static final Duration STALL = Duration.ofMinutes(2);

    /** What the watchdog found. {@code lost}: the cycle cannot go on (its work batches are gone). */
    public record Push(String cycleId, String description, boolean lost) {
    }

    private final EngineContext ctx;
    private final CycleQueues queues;
    private final CycleProgress progress;

    public CycleSupervisor(EngineContext ctx, CycleQueues queues, CycleProgress progress) {
        this.ctx = ctx;
        this.queues = queues;
        this.progress = progress;
    }

    private static final Pattern PROCESS = Pattern.compile("\\(pid (\\d+) on ([^)]+)\\)");
    private static final String THIS_PROCESS = "(pid " + ProcessHandle.current().pid() + " on " + hostName() + ")";

    /** This process, as lease holders and claims name it: {@code (pid N on HOST)}. */
    public static String thisProcess() {
        return THIS_PROCESS;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }

    /**
     * A holder or claim naming a process on this host that no longer runs is dead whatever its expiry says
     * (a {@code sync} killed a second ago is taken over at once, not after its lease lapses).
     */
    static boolean deadOnThisHost(String name) {
        if (name == null) return false;
        Matcher m = PROCESS.matcher(name);
        if (!m.find() || !m.group(2).equals(hostName())) return false;
        return ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
    }

    private static boolean leaseLive(CycleRecord r, Instant now) {
        return r.control().leaseLive(now) && !deadOnThisHost(r.control().leaseHolder());
    }

    private static boolean claimLive(CycleRecord r, Instant now) {
        return r.control().claimLive(now) && !deadOnThisHost(r.control().claimToken());
    }

    /**
     * Someone still drives the cycle: a live lease or claim, or a step done within {@link #STALL} (unless its
     * lease holder is known dead).
     */
    public boolean alive(CycleRecord r, Instant now) {
        if (deadOnThisHost(r.control().leaseHolder()) && !claimLive(r, now)) return false;
        return leaseLive(r, now) || claimLive(r, now)
                || (r.control().movedAt() != null && r.control().movedAt().plus(STALL).isAfter(now));
    }

    /** Who drives the cycle, in words for an operator. */
    public String describe(CycleRecord r, Instant now) {
        StringBuilder s = new StringBuilder("cycle ").append(r.cycleId()).append(" (").append(r.mode().name().toLowerCase())
                .append(r.dryRun() ? ", dry run" : "").append(", phase ").append(r.phase()).append(")");
        if (r.control().leaseHolder() != null) {
            boolean live = leaseLive(r, now);
            s.append(live ? " is held by " : " was held by ").append(r.control().leaseHolder())
                    .append(live ? " until " + r.control().leaseUntil()
                            : deadOnThisHost(r.control().leaseHolder()) ? ", a process that no longer runs"
                            : ", whose lease lapsed at " + r.control().leaseUntil());
        }
        if (r.control().movedAt() != null) s.append("; last step done at ").append(r.control().movedAt());
        return s.toString();
    }

    /**
     * Takes the cycle's lease for {@code holder}, or renews it, when it is free, lapsed or already the holder's;
     * leaves another holder's live lease alone. Returns the record as stored (empty: no such running cycle).
     */
    public Optional<CycleRecord> lease(String cycleId, String holder) {
        Instant now = ctx.clock().instant();
        CycleRecord current = ctx.stores().cycles().find(cycleId).orElse(null);
        if (current == null || current.finishedAt() != null) return Optional.ofNullable(current);
        if (leaseLive(current, now) && !holder.equals(current.control().leaseHolder())) return Optional.of(current);
        try {
            return Optional.of(ctx.stores().cycles().update(cycleId, r -> {
                if (r.finishedAt() != null) return r;
                if (leaseLive(r, now) && !holder.equals(r.control().leaseHolder())) return r;
                return r.withControl(r.control().withLease(holder, now.plus(LEASE)));
            }));
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
    }

    /**
     * Claims the step for one delivery; the stored record, whose claim is {@code token}'s or another's. Written on
     * condition of {@code read}'s etag (the record the delivery read), read again only when it moved on since.
     */
    public CycleRecord claim(PlanStep step, String token, CycleRecord read) {
        if (!read.cycleId().equals(step.cycleId())) {
            throw new IllegalArgumentException("step " + step.stepId() + " is of cycle '" + step.cycleId() + "', not '" + read.cycleId() + "'");
        }
        Instant now = ctx.clock().instant();
        return ctx.stores().cycles().update(read, r -> {
            if (r.finishedAt() != null || (claimLive(r, now) && !r.control().claimedBy(token))) return r;
            return r.withControl(r.control().withClaim(token, now.plus(CLAIM)));
        });
    }

    /** A new claim token, naming this process so that a claim of a killed process is known dead at once. */
    public static String newClaimToken() {
        return THIS_PROCESS + " " + java.util.UUID.randomUUID();
    }

    /** Gives a claim back after its handler failed, so the redelivery need not wait for it to lapse. */
    public void release(String cycleId, String token) {
        try {
            ctx.stores().cycles().update(cycleId, r -> r.control().claimedBy(token) ? r.withControl(r.control().withClaim(null, null)) : r);
        } catch (RuntimeException e) {
            // The claim lapses by itself; releasing it only saves the redelivery a wait.
        }
    }

    /** How long a delivery that found the step claimed waits before it looks again. */
    public Duration claimWait(CycleRecord r) {
        Instant until = r.control().claimUntil() == null ? ctx.clock().instant() : r.control().claimUntil();
        long seconds = Math.max(1, Duration.between(ctx.clock().instant(), until).toSeconds() + 1);
        return Duration.ofSeconds(Math.min(seconds, CLAIM.toSeconds()));
    }

    /**
     * The watchdog over the current cycle: when it is stalled (or {@code force}: it is being taken over) and no
     * delivery holds its plan step, sends its due plan step again (a copy), or moves it to its next phase when
     * its batches are all done. Without {@code force} it also waits while any message is on the queues (it will
     * be delivered). Empty when nothing had to be done.
     */
    public Optional<Push> push(boolean force) {
        JobState job = ctx.stores().cycles().jobState();
        if (job.currentCycleId() == null) return Optional.empty();
        CycleRecord r = ctx.stores().cycles().find(job.currentCycleId()).orElse(null);
        if (r == null || r.finishedAt() != null) return Optional.empty();
        Instant now = ctx.clock().instant();
        if (claimLive(r, now)) return Optional.empty();
        if (!force) {
            if (r.control().movedAt() != null && r.control().movedAt().plus(STALL).isAfter(now)) return Optional.empty();
            if (inFlight()) return Optional.empty();
        }
        PlanStep due = progress.due(r);
        if (due != null) {
            queues.send(due.asResent());
            markMoved(r.cycleId(), now);
            return Optional.of(new Push(r.cycleId(), "sent " + due.stepId() + " of cycle " + r.cycleId() + " again", false));
        }
        if (r.allBatchesDone()) {
            // The phase's last batch was counted but its handler died before the advance (the advance and its
            // marker are one write, so a stored advance always shows as a due step above).
            progress.advanceIfDone(r, progress.roles(r));
            return Optional.of(new Push(r.cycleId(), "moved cycle " + r.cycleId() + " on from phase " + r.phase(), false));
        }
        if (inFlight()) return Optional.empty();
        return Optional.of(new Push(r.cycleId(), (r.batchesEnqueued() - r.batchesDone()) + " of its " + r.batchesEnqueued()
                + " work batches never finished and none is left on " + CycleQueues.WORK
                + " (see " + CycleQueues.WORK + "-poison); ended so the next cycle starts afresh", true));
    }

    private boolean inFlight() {
        return queues.queue(CycleQueues.PLAN).approximateCount() > 0 || queues.queue(CycleQueues.WORK).approximateCount() > 0;
    }

    private void markMoved(String cycleId, Instant now) {
        ctx.stores().cycles().update(cycleId, x -> x.withControl(x.control().movedAt(now)));
    }
}
