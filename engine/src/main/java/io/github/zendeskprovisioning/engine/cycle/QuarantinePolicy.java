package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Quarantine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a cycle's failures put the job into quarantine, judged as Entra's service does: on the objects that
 * failed after the clients' in-cycle retries ({@link Counts#FAILED}), not on requests.
 * <ul>
 *   <li>{@link Quarantine#ESCROW_PROPORTION}: at least {@code minFailedObjects} objects failed and they are more
 *       than {@code failedShare} of the objects a write was made for. Entra starts judging at thousands of
 *       failures and quarantines above 40 %; the share is Entra's, the minimum is 10 so that a tenant of a few
 *       dozen users is judged too, while a handful of bad records (a too-long name, a taken e-mail) never
 *       stops the healthy objects: they wait in escrow and are retried.</li>
 *   <li>{@link Quarantine#CREDENTIALS_REFUSED}: Zendesk refused the credentials (401, after the client renewed
 *       its token) on every write of the cycle.</li>
 * </ul>
 * A cycle judged failing quarantines only when the one before was judged failing too ({@code confirmingCycles}
 * in a row): escrowed objects are retried first thing in the next cycle, so a blip (one bulk request of 46
 * users cut off, a minute of 503s) costs one retry, and only a fault that lasts across cycles stops the job.
 * In quarantine, cycles wait 1 h, 2 h, 4 h ... at most a day between attempts; a cycle not judged failing ends
 * the series. The deletion guard's hold shows as {@link Quarantine#TOO_MANY_DELETES} without holding cycles back.
 */
public record QuarantinePolicy(int minFailedObjects, double failedShare, int confirmingCycles) {
    public static final QuarantinePolicy DEFAULT = new QuarantinePolicy(10, 0.4, 2);

    private static final List<ProvisioningAction> WRITES = List.of(ProvisioningAction.CREATE, ProvisioningAction.UPDATE,
            ProvisioningAction.DISABLE, ProvisioningAction.ENABLE, ProvisioningAction.DELETE);

    public QuarantinePolicy {
        if (minFailedObjects < 1) throw new IllegalArgumentException("minFailedObjects must be at least 1, not " + minFailedObjects);
        if (failedShare <= 0 || failedShare >= 1) throw new IllegalArgumentException("failedShare must be between 0 and 1, not " + failedShare);
        if (confirmingCycles < 1) throw new IllegalArgumentException("confirmingCycles must be at least 1, not " + confirmingCycles);
    }

    /** Why a cycle failed as a whole. */
    public record Cause(String code, String reason) {
    }

    /**
     * The job's quarantine after a cycle that wrote to Zendesk (not a dry run); {@code quarantinedNow}: this cycle
     * ends as quarantined.
     */
    public record Outcome(Quarantine quarantine, int failingCycles, boolean quarantinedNow) {
    }

    /** The cause, when the cycle's counts show it failed as a whole. */
    public Optional<Cause> judge(Map<String, Long> counts) {
        long attempted = 0;
        for (ProvisioningAction a : WRITES) {
            attempted += Counts.ofAction(counts, a, ProvisioningStatus.SUCCESS) + Counts.ofAction(counts, a, ProvisioningStatus.FAILURE);
        }
        long failed = counts.getOrDefault(Counts.FAILED, 0L);
        attempted = Math.max(attempted, failed);
        long refused = counts.getOrDefault(Counts.CREDENTIAL_FAILURES, 0L);
        if (attempted > 0 && refused >= attempted) {
            return Optional.of(new Cause(Quarantine.CREDENTIALS_REFUSED, "Zendesk refused the credentials (401) on every write ("
                    + refused + " of " + attempted + "); check the ZENDESK_* settings, then run restart --scope quarantine"));
        }
        if (failed >= minFailedObjects && failed > failedShare * attempted) {
            return Optional.of(new Cause(Quarantine.ESCROW_PROPORTION, failed + " of " + attempted
                    + " objects failed after their retries (the limit is " + Math.round(failedShare * 100) + " % and at least "
                    + minFailedObjects + "); Zendesk may be down or refusing this account's requests. The failed objects wait"
                    + " in escrow; restart --scope quarantine to try again now"));
        }
        return Optional.empty();
    }

    /**
     * The quarantine after a finished, non-dry-run cycle with these counts; {@code heldCount} &gt; 0 when the
     * deletion guard held that many removals.
     */
    public Outcome after(JobState before, Map<String, Long> counts, int heldCount, String heldReason, Instant now) {
        Quarantine previous = before.quarantine();
        Optional<Cause> cause = judge(counts);
        Quarantine held = heldCount > 0 ? tooManyDeletes(previous, heldReason, now) : null;
        if (cause.isEmpty()) return new Outcome(held, 0, false);
        int failing = before.failingCycles() + 1;
        Quarantine series = previous != null && previous.holdsCyclesBack() ? previous : null;
        if (series == null && failing < confirmingCycles) {
            return new Outcome(held, failing, false);
        }
        int attempts = series == null ? 1 : series.attempts() + 1;
        Instant since = series == null ? now : series.since();
        return new Outcome(new Quarantine(cause.get().code(), cause.get().reason(), since, attempts, now.plus(backoff(attempts))),
                failing, true);
    }

    private static Quarantine tooManyDeletes(Quarantine previous, String reason, Instant now) {
        if (previous != null && Quarantine.TOO_MANY_DELETES.equals(previous.code())) return previous.again(reason, null);
        return new Quarantine(Quarantine.TOO_MANY_DELETES, reason, now, 1, null);
    }

    /** Quarantined cycles back off: 1 h, 2 h, 4 h ... at most a day, as Entra's quarantine does. */
    static Duration backoff(int attempts) {
        long hours = Math.min(24, 1L << Math.min(attempts - 1, 5));
        return Duration.ofHours(hours);
    }
}
