package io.github.zendeskprovisioning.adapters.zendesk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobTimingsTest {
    private final JobTimings timings = new JobTimings(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void aJobSizeNeverSeenIsFirstPolledAfterTheFirstInterval() {
        assertEquals(Duration.ofSeconds(1), timings.firstWait(100));
    }

    @Test
    void aJobThatNeededSeveralPollsSetsTheFirstWaitOfItsSizeToTheTimeItTook() {
        timings.completed(100, Duration.ofSeconds(1), Duration.ofMillis(6500), 3);
        assertEquals(Duration.ofMillis(6500), timings.firstWait(100));
        assertEquals(Duration.ofMillis(6500), timings.firstWait(64), "same size class (64-127 items)");
        assertEquals(Duration.ofSeconds(1), timings.firstWait(10), "another size class learns on its own");
    }

    @Test
    void aJobDoneAtItsFirstPollMakesTheNextWaitATenthShorterDownToTheFloor() {
        timings.completed(100, Duration.ofSeconds(1), Duration.ofSeconds(6), 3);
        timings.completed(100, Duration.ofSeconds(6), Duration.ofSeconds(6), 1);
        assertEquals(Duration.ofMillis(5400), timings.firstWait(100));
        for (int i = 0; i < 40; i++) timings.completed(100, timings.firstWait(100), Duration.ZERO, 1);
        assertEquals(Duration.ofSeconds(1), timings.firstWait(100));
    }

    @Test
    void anOddSlowJobCannotMakeTheNextOnesWaitBeyondTheCeiling() {
        timings.completed(100, Duration.ofSeconds(1), Duration.ofMinutes(5), 9);
        assertEquals(Duration.ofSeconds(30), timings.firstWait(100));
    }

    @Test
    void aJobDoneInTheBulkAnswerItselfTeachesNothing() {
        timings.completed(100, Duration.ofSeconds(1), Duration.ofSeconds(20), 0);
        assertEquals(Duration.ofSeconds(1), timings.firstWait(100));
    }
}
