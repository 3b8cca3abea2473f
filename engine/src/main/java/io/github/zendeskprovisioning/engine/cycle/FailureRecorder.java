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
 * Puts a failed object into escrow, to be retried in later cycles at growing intervals (10 minutes,
 * doubling, at most a day), and tells the observer. Never stops the other objects.
 */
public final class FailureRecorder {
    private static final Duration FIRST_RETRY = Duration.ofMinutes(10);
    private static final Duration LONGEST_RETRY = Duration.ofHours(24);

    private final EngineContext ctx;

    public FailureRecorder(EngineContext ctx) {
        this.ctx = ctx;
    }

    public void failed(String cycleId, ObjectKind kind, String objectId, ProvisioningAction action,
                       String reasonCode, String reason, boolean dryRun) {
        ctx.observer().objectFailed(new ObjectFailure(cycleId, kind, objectId, action, reasonCode, reason));
        if (dryRun) return;
        escrow(kind, objectId, reason);
    }

    private void escrow(ObjectKind kind, String objectId, String reason) {
        Instant now = ctx.clock().instant();
        EscrowEntry previous = ctx.stores().escrow().find(kind, objectId).orElse(null);
        int attempts = previous == null ? 1 : previous.attempts() + 1;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10));
        if (wait.compareTo(LONGEST_RETRY) > 0) wait = LONGEST_RETRY;
        ctx.stores().escrow().put(new EscrowEntry(kind, objectId, attempts,
                previous == null ? now : previous.firstFailedAt(), now.plus(wait), reason));
    }

    /**
     * Not a failure, but an object to look at again in later cycles (a user that waits for its custom role to
     * resolve): escrowed with the same growing intervals, without a failure event.
     */
    public void retryLater(ObjectKind kind, String objectId, String reason, boolean dryRun) {
        if (dryRun) return;
        escrow(kind, objectId, reason);
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
