package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * A quarantine series, as Entra reports one: {@code code} names the cause in Entra's words, {@code since} is when
 * the first quarantined cycle of the series ended, {@code attempts} counts the cycles of the series, and
 * {@code nextAttemptAt} is when the next cycle may start (null when the series holds no cycle back, as with
 * {@link #TOO_MANY_DELETES}: later cycles run and hold their removals again until approved).
 */
public record Quarantine(String code, String reason, Instant since, int attempts, Instant nextAttemptAt) {
    /** More than the allowed share of the cycle's objects failed after their in-cycle retries. */
    public static final String ESCROW_PROPORTION = "EncounteredEscrowProportionThreshold";
    /** Zendesk refused the credentials on every call. */
    public static final String CREDENTIALS_REFUSED = "EncounteredQuarantineException";
    /** The deletion guard held the cycle's suspensions and deletions. */
    public static final String TOO_MANY_DELETES = "TooManyDeletes";

    public Quarantine {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("a quarantine needs a code");
        if (attempts < 1) throw new IllegalArgumentException("a quarantine series has at least one attempt, not " + attempts);
    }

    /** Whether cycles wait for {@link #nextAttemptAt} (every code but the deletion guard's). */
    public boolean holdsCyclesBack() {
        return !TOO_MANY_DELETES.equals(code);
    }

    /** The next cycle of the same series: same code and start, one attempt more. */
    public Quarantine again(String newReason, Instant next) {
        return new Quarantine(code, newReason, since, attempts + 1, next);
    }
}
