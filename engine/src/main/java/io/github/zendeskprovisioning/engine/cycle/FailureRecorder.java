package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.ObjectFailure;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.time.Duration;
import java.time.Instant;

/**
 * Puts a failed object into escrow and tells the observer; never stops the other objects. The first retry is
 * due at once, so the next cycle makes it whenever it starts (a {@code sync} right after a failed one retries
 * it: most failures are blips); from the second failure on the retries back off (10 minutes, doubling, at
 * most a day), so an object that keeps failing costs little.
 */
public final class FailureRecorder {
    private static final Duration SECOND_RETRY = Duration.ofMinutes(10);
    private static final Duration LONGEST_RETRY = Duration.ofHours(24);

    private final EngineContext ctx;

    public FailureRecorder(EngineContext ctx) {
        this.ctx = ctx;
    }

    public void failed(String cycleId, ObjectKind kind, String objectId, ProvisioningAction action,
                       String reasonCode, String reason, boolean dryRun) {
        ctx.observer().objectFailed(new ObjectFailure(cycleId, kind, objectId, action, reasonCode, reason));
        if (dryRun) return;
        escrow(cycleId, kind, objectId, action, reason);
    }

    private void escrow(String cycleId, ObjectKind kind, String objectId, ProvisioningAction action, String reason) {
        Instant now = ctx.clock().instant();
        EscrowEntry previous = ctx.stores().escrow().find(kind, objectId).orElse(null);
        // Failing twice in one cycle (a membership tried by its user and by its group) is one attempt, not a reason to wait.
        boolean sameCycle = previous != null && cycleId != null && cycleId.equals(previous.cycleId());
        int attempts = previous == null ? 1 : sameCycle ? previous.attempts() : previous.attempts() + 1;
        Instant next = sameCycle ? previous.nextAttemptAt() : now.plus(wait(attempts));
        ctx.stores().escrow().put(new EscrowEntry(kind, objectId, action, attempts,
                previous == null ? now : previous.firstFailedAt(), next, reason, cycleId));
    }

    /** How long after its {@code attempts}-th failure an object waits: nothing after the first, then 10 min doubling. */
    static Duration wait(int attempts) {
        if (attempts <= 1) return Duration.ZERO;
        Duration wait = SECOND_RETRY.multipliedBy(1L << Math.min(attempts - 2, 10));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    /**
     * Not a failure, but an object to look at again in later cycles (a user that waits for its custom role to
     * resolve): escrowed with the same growing intervals, without a failure event.
     */
    public void retryLater(ObjectKind kind, String objectId, String reason, boolean dryRun) {
        if (dryRun) return;
        escrow(null, kind, objectId, ProvisioningAction.CREATE, reason);
    }

    public void succeeded(ObjectKind kind, String objectId) {
        ctx.stores().escrow().remove(kind, objectId);
    }

    /** A short, stable code for grouping failures in reports and alerts. */
    public static String codeOf(ZendeskError error) {
        if (error.emailTaken()) return "EmailTaken";
        if (error.httpStatus() == 401) return "ZendeskUnauthorized";
        if (error.httpStatus() == 429) return "ZendeskThrottled";
        if (error.httpStatus() >= 500 || "NetworkError".equals(error.code())) return "ZendeskUnavailable";
        return error.code() == null ? "ZendeskError" : error.code();
    }

    public static String codeOf(RuntimeException e) {
        if (e instanceof ZendeskException z) return codeOf(z.error());
        return e.getClass().getSimpleName().replace("Exception", "");
    }
}
