package io.github.zendeskprovisioning.adapters.retryafter;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The window in memory, shared by every thread that holds this object. */
final class InProcessWindow implements RetryAfterWindow {
    private final AtomicReference<Instant> openAt = new AtomicReference<>(Instant.EPOCH);

    @Override
    public Instant openAt() {
        return openAt.get();
    }

    @Override
    public void closeUntil(Instant until) {
        openAt.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
