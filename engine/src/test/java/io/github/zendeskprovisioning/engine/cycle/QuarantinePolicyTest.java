package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Quarantine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuarantinePolicyTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private final QuarantinePolicy policy = QuarantinePolicy.DEFAULT;

    private static Map<String, Long> writes(long succeeded, long failed) {
        Counts c = new Counts();
        for (int i = 0; i < succeeded; i++) c.action(ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS);
        for (int i = 0; i < failed; i++) c.action(ProvisioningAction.UPDATE, ProvisioningStatus.FAILURE);
        return c.toMap();
    }

    private static Map<String, Long> refused(long n) {
        Counts c = new Counts();
        for (int i = 0; i < n; i++) {
            c.action(ProvisioningAction.CREATE, ProvisioningStatus.FAILURE);
            c.add(Counts.CREDENTIAL_FAILURES);
        }
        return c.toMap();
    }

    @Test
    void aFewFailedObjectsAreNeverJudgedWhateverTheirShare() {
        assertTrue(policy.judge(writes(0, 9)).isEmpty(), "9 of 9 failed: below the minimum of failed objects");
        assertTrue(policy.judge(writes(0, 1)).isEmpty(), "one failed request of one object");
    }

    @Test
    void manyFailedObjectsAreJudgedOnlyAboveFortyPercent() {
        assertTrue(policy.judge(writes(15, 10)).isEmpty(), "10 of 25 is 40 %, not above it");
        assertEquals(Quarantine.ESCROW_PROPORTION, policy.judge(writes(14, 10)).orElseThrow().code());
        assertTrue(policy.judge(writes(14, 10)).orElseThrow().reason().startsWith("10 of 24 objects failed"));
    }

    @Test
    void credentialsRefusedOnEveryWriteAreEntrasQuarantineException() {
        assertEquals(Quarantine.CREDENTIALS_REFUSED, policy.judge(refused(2)).orElseThrow().code());
        Map<String, Long> mixed = Counts.merge(refused(2), writes(1, 0));
        assertTrue(policy.judge(mixed).isEmpty(), "one write went through: the credentials work");
    }

    @Test
    void theFirstFailingCycleOnlyWarnsAndTheSecondInARowQuarantines() {
        QuarantinePolicy.Outcome first = policy.after(JobState.initial(), writes(0, 46), 0, null, T);
        assertFalse(first.quarantinedNow());
        assertNull(first.quarantine());
        assertEquals(1, first.failingCycles());

        JobState afterFirst = JobState.initial().withQuarantine(first.quarantine(), first.failingCycles());
        QuarantinePolicy.Outcome second = policy.after(afterFirst, writes(0, 46), 0, null, T.plusSeconds(60));
        assertTrue(second.quarantinedNow());
        assertEquals(new Quarantine(Quarantine.ESCROW_PROPORTION, second.quarantine().reason(), T.plusSeconds(60), 1,
                T.plusSeconds(60).plus(Duration.ofHours(1))), second.quarantine());
    }

    @Test
    void aSeriesKeepsItsStartCountsItsAttemptsBacksOffAndEndsWithAHealthyCycle() {
        Quarantine began = new Quarantine(Quarantine.ESCROW_PROPORTION, "r", T, 1, T.plus(Duration.ofHours(1)));
        JobState in = JobState.initial().withQuarantine(began, 2);
        Instant later = T.plus(Duration.ofHours(2));

        Quarantine again = policy.after(in, writes(0, 20), 0, null, later).quarantine();
        assertEquals(T, again.since());
        assertEquals(2, again.attempts());
        assertEquals(later.plus(Duration.ofHours(2)), again.nextAttemptAt());

        QuarantinePolicy.Outcome healthy = policy.after(in, writes(20, 1), 0, null, later);
        assertNull(healthy.quarantine());
        assertEquals(0, healthy.failingCycles());
        assertFalse(healthy.quarantinedNow());
    }

    @Test
    void aHeldCycleIsTooManyDeletesWhichHoldsNoCycleBack() {
        Quarantine held = policy.after(JobState.initial(), writes(5, 0), 30, "held: 30", T).quarantine();
        assertEquals(new Quarantine(Quarantine.TOO_MANY_DELETES, "held: 30", T, 1, null), held);
        assertFalse(held.holdsCyclesBack());
        assertFalse(JobState.initial().withQuarantine(held, 0).quarantined());

        Quarantine heldAgain = policy.after(JobState.initial().withQuarantine(held, 0), writes(5, 0), 40, "held: 40",
                T.plusSeconds(60)).quarantine();
        assertEquals(T, heldAgain.since());
        assertEquals(2, heldAgain.attempts());
    }

    @Test
    void backoffDoublesFromAnHourToAtMostADay() {
        assertEquals(Duration.ofHours(1), QuarantinePolicy.backoff(1));
        assertEquals(Duration.ofHours(2), QuarantinePolicy.backoff(2));
        assertEquals(Duration.ofHours(16), QuarantinePolicy.backoff(5));
        assertEquals(Duration.ofHours(24), QuarantinePolicy.backoff(6));
        assertEquals(Duration.ofHours(24), QuarantinePolicy.backoff(40));
    }
}
