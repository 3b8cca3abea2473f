package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/** An object whose last attempt failed, to be retried from {@code nextAttemptAt} on, at growing intervals. */
public record EscrowEntry(ObjectKind kind, String objectId, int attempts, Instant firstFailedAt,
                          Instant nextAttemptAt, String lastReason) {
}
