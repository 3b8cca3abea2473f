package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The pacing every Zendesk client of one process shares (build one and give it to each client's builder):
 * nothing is sent inside a Retry-After window (kept in a {@link RetryAfterWindow}, which may reach the other
 * processes of the host and the other instances of the app), at most {@code requestsPerMinute} requests go out
 * in any 60 seconds, and requests are spaced out as Zendesk's {@code X-Rate-Limit-Remaining} runs low (below a
 * tenth of the limit, the remaining requests are spread over the rest of the minute, never more than
 * {@link #MAX_LOW_WATER_PAUSE} apart).
 */
public final class RateLimitGate {
    static final Duration MAX_LOW_WATER_PAUSE = Duration.ofSeconds(5);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;
    private final int requestsPerMinute;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private final RetryAfterWindow window;
    private Instant lowWaterNotBefore = Instant.EPOCH;

    RateLimitGate(Clock clock, int requestsPerMinute) {
        this(clock, requestsPerMinute, RetryAfterWindow.inProcess());
    }

    /**
     * @param requestsPerMinute this process's share of the account's budget
     * @param window            where Retry-After windows are kept and read
     */
    public RateLimitGate(Clock clock, int requestsPerMinute, RetryAfterWindow window) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1");
        }
        this.clock = clock;
        this.requestsPerMinute = requestsPerMinute;
        this.window = window;
    }

    /**
     * How long the caller must wait before sending; zero means it may send now and the send is counted.
     */
    synchronized Duration reserve() {
        Instant now = clock.instant();
        while (!sent.isEmpty() && !sent.peekFirst().plus(MINUTE).isAfter(now)) {
            sent.removeFirst();
        }
        Instant blockedUntil = window.openAt();
        Instant earliest = blockedUntil.isAfter(lowWaterNotBefore) ? blockedUntil : lowWaterNotBefore;
        if (sent.size() >= requestsPerMinute) {
            Instant slotFrees = sent.peekFirst().plus(MINUTE);
            earliest = slotFrees.isAfter(earliest) ? slotFrees : earliest;
        }
        if (earliest.isAfter(now)) {
            return Duration.between(now, earliest);
        }
        sent.addLast(now);
        return Duration.ZERO;
    }

    /** A 429: nobody sends until the window is over. */
    void blockFor(Duration retryAfter) {
        window.closeUntil(clock.instant().plus(retryAfter));
    }

    /** What Zendesk said about the account's budget on the last answer. */
    synchronized void observe(int limit, int remaining) {
        if (limit <= 0 || remaining < 0) {
            return;
        }
        if (remaining * 10 < limit) {
            long secondsLeftInMinute = 60 - clock.instant().getEpochSecond() % 60;
            Duration spacing = Duration.ofMillis(secondsLeftInMinute * 1000 / Math.max(1, remaining));
            if (spacing.compareTo(MAX_LOW_WATER_PAUSE) > 0) {
                spacing = MAX_LOW_WATER_PAUSE;
            }
            lowWaterNotBefore = clock.instant().plus(spacing);
        } else {
            lowWaterNotBefore = Instant.EPOCH;
        }
    }

    Instant blockedUntil() {
        return window.openAt();
    }
}
