package io.github.zendeskprovisioning.adapters.entra;

import java.time.Duration;

/**
 * How long the reader keeps trying a throttled (429) or failed (5xx, lost connection) read: at most
 * {@code maxRetries} retries, each waiting what {@code Retry-After} says (else an exponential back-off from
 * {@code baseDelay}), and never a single wait longer than {@code maxDelay}: past that the read fails instead.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    public RetryPolicy {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative");
        if (baseDelay.isNegative() || maxDelay.isNegative()) throw new IllegalArgumentException("delays must not be negative");
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(120));
    }

    /** 429 and server errors; reads are safe to repeat. A 501 means Graph lacks the feature, which no retry changes. */
    static boolean retryable(int status) {
        return status == 429 || status >= 500 && status != 501;
    }

    /** The wait before retry number {@code retry} (1-based), given the server's {@code Retry-After} if any. */
    Duration delay(int retry, String retryAfter) {
        Duration asked = RetryAfter.parse(retryAfter);
        if (asked != null) return asked;
        long factor = 1L << Math.min(retry - 1, 10);
        Duration backoff = baseDelay.multipliedBy(factor);
        return backoff.compareTo(maxDelay) > 0 ? maxDelay : backoff;
    }
}
