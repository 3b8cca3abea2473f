package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * How a running cycle is kept moving, stored with its record so every change to it is one conditional write:
 * <ul>
 *   <li>{@code planStep}: the encoded plan message that is due next (none while the cycle waits for its work
 *       batches); a lost or redelivered message is re-sent from here, so the chain never depends on one send;</li>
 *   <li>{@code claimToken}/{@code claimUntil}: the delivery handling that plan step now, so two processes never
 *       handle one step at the same time (a claim lapses on its own when its handler died);</li>
 *   <li>{@code leaseHolder}/{@code leaseUntil}: the process driving the cycle, renewed while it lives; a lapsed
 *       lease lets anyone take the cycle over;</li>
 *   <li>{@code movedAt}: when a step last completed (or the watchdog last pushed the cycle);</li>
 *   <li>{@code decision}: the deletion guard's verdict, taken once by the finish step ({@code held:N} or
 *       {@code go:N}, N the removals it counted against the threshold, then {@code ;released:M:<cycle id>} when an
 *       approval of that held cycle let M of its held removals through uncounted), so a redelivered finish step
 *       never decides twice.</li>
 * </ul>
 */
public record CycleControl(String planStep, String claimToken, Instant claimUntil, String leaseHolder,
                           Instant leaseUntil, Instant movedAt, String decision) {
    public static final CycleControl NONE = new CycleControl(null, null, null, null, null, null, null);

    public CycleControl withPlanStep(String encoded) {
        return new CycleControl(encoded, claimToken, claimUntil, leaseHolder, leaseUntil, movedAt, decision);
    }

    public CycleControl withClaim(String token, Instant until) {
        return new CycleControl(planStep, token, until, leaseHolder, leaseUntil, movedAt, decision);
    }

    public CycleControl withLease(String holder, Instant until) {
        return new CycleControl(planStep, claimToken, claimUntil, holder, until, movedAt, decision);
    }

    public CycleControl movedAt(Instant at) {
        return new CycleControl(planStep, claimToken, claimUntil, leaseHolder, leaseUntil, at, decision);
    }

    public CycleControl withDecision(String value) {
        return new CycleControl(planStep, claimToken, claimUntil, leaseHolder, leaseUntil, movedAt, value);
    }

    public boolean claimedBy(String token) {
        return token != null && token.equals(claimToken);
    }

    /** A claim not yet lapsed. */
    public boolean claimLive(Instant now) {
        return claimToken != null && claimUntil != null && claimUntil.isAfter(now);
    }

    /** A lease not yet lapsed. */
    public boolean leaseLive(Instant now) {
        return leaseHolder != null && leaseUntil != null && leaseUntil.isAfter(now);
    }
}
