package io.github.zendeskprovisioning.adapters.zendesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The pacing every thread of one client shares: nothing is sent inside a Retry-After window, at most
 * {@code requestsPerMinute} requests go out in any 60 seconds, and requests are spaced out as Zendesk's
 * {@code X-Rate-Limit-Remaining} runs low (below a tenth of the limit, the remaining requests are spread
 * over the rest of the minute, never more than {@link #MAX_LOW_WATER_PAUSE} apart).
 */
final class RateLimitGate {
    static final Duration MAX_LOW_WATER_PAUSE = Duration.ofSeconds(5);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;
    private final int requestsPerMinute;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private Instant blockedUntil = Instant.EPOCH;
    private Instant lowWaterNotBefore = Instant.EPOCH;

    RateLimitGate(Clock clock, int requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1");
        }
        this.clock = clock;
        this.requestsPerMinute = requestsPerMinute;
    }

    /**
     * How long the caller must wait before sending; zero means it may send now and the send is counted.
     */
    synchronized Duration reserve() {
        Instant now = clock.instant();
        while (!sent.isEmpty() && !sent.peekFirst().plus(MINUTE).isAfter(now)) {
            sent.removeFirst();
        }
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
    synchronized void blockFor(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
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

    synchronized Instant blockedUntil() {
        return blockedUntil;
    }
}
