package io.github.zendeskprovisioning.simulators.zendesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Zendesk's account rate limit: a number of requests per clock minute, reported on every answer as
 * {@code X-Rate-Limit} and {@code X-Rate-Limit-Remaining}; over it, 429 with {@code Retry-After} (seconds)
 * until the minute ends. A test can also hold the account throttled for a while, as Zendesk does after
 * bursts, to check that a client sends nothing inside the window.
 */
final class RateLimiter {
    /** What to tell one request. {@code retryAfterSeconds} is 0 when it may go ahead. */
    record Decision(int limit, int remaining, long retryAfterSeconds) {
        boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }

    private final Clock clock;
    private int limitPerMinute = 700;
    private Instant windowStart = Instant.EPOCH;
    private int used;
    private Instant throttledUntil = Instant.EPOCH;

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    synchronized void limitPerMinute(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1 request a minute");
        }
        this.limitPerMinute = limit;
    }

    synchronized void throttleFor(Duration duration) {
        throttledUntil = clock.instant().plus(duration);
    }

    synchronized Decision admit() {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (!minute.equals(windowStart)) {
            windowStart = minute;
            used = 0;
        }
        if (now.isBefore(throttledUntil)) {
            return new Decision(limitPerMinute, 0, ceilSeconds(Duration.between(now, throttledUntil)));
        }
        if (used >= limitPerMinute) {
            return new Decision(limitPerMinute, 0, ceilSeconds(Duration.between(now, minute.plusSeconds(60))));
        }
        used++;
        return new Decision(limitPerMinute, limitPerMinute - used, 0);
    }

    synchronized void reset() {
        used = 0;
        throttledUntil = Instant.EPOCH;
    }

    private static long ceilSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
