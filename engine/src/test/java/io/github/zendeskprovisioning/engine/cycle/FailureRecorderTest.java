package io.github.zendeskprovisioning.engine.cycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureRecorderTest {
    @Test
    void theFirstRetryIsDueAtOnceThenTenMinutesDoublingToAtMostADay() {
        assertEquals(Duration.ZERO, FailureRecorder.wait(1));
        assertEquals(Duration.ofMinutes(10), FailureRecorder.wait(2));
        assertEquals(Duration.ofMinutes(20), FailureRecorder.wait(3));
        assertEquals(Duration.ofMinutes(640), FailureRecorder.wait(8));
        assertEquals(Duration.ofMinutes(1280), FailureRecorder.wait(9));
        assertEquals(Duration.ofHours(24), FailureRecorder.wait(10));
        assertEquals(Duration.ofHours(24), FailureRecorder.wait(1_000));
    }
}
