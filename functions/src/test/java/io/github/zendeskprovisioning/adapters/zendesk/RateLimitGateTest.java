package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.simulators.zendesk.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitGateTest {
    private final ManualClock clock = ManualClock.startingAt("2026-03-02T08:00:00Z");

    @Test
    void noOneSendsInsideARetryAfterWindow() {
        RateLimitGate gate = new RateLimitGate(clock, 700);
        gate.blockFor(Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(30), gate.reserve());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Duration.ofSeconds(1), gate.reserve());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, gate.reserve());
    }

    @Test
    void aShorterRetryAfterNeverShortensAWindowAlreadySet() {
        RateLimitGate gate = new RateLimitGate(clock, 700);
        gate.blockFor(Duration.ofSeconds(30));
        gate.blockFor(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(30), gate.reserve());
    }

    @Test
    void requestsPerMinuteIsACeilingOverAnySixtySeconds() {
        RateLimitGate gate = new RateLimitGate(clock, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, gate.reserve());
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(Duration.ofSeconds(30), gate.reserve());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Duration.ZERO, gate.reserve());
    }

    @Test
    void requestsAreSpacedOutAsTheRemainingBudgetRunsLow() {
        RateLimitGate gate = new RateLimitGate(clock, 700);
        gate.observe(700, 500);
        assertEquals(Duration.ZERO, gate.reserve());
        gate.observe(700, 20); // 60 s left in the minute, 20 requests left: one every 3 s
        assertEquals(Duration.ofSeconds(3), gate.reserve());
        gate.observe(700, 0);
        Duration wait = gate.reserve();
        assertTrue(wait.compareTo(RateLimitGate.MAX_LOW_WATER_PAUSE) <= 0 && !wait.isZero(), wait::toString);
        gate.observe(700, 650);
        assertEquals(Duration.ZERO, gate.reserve());
    }
}
