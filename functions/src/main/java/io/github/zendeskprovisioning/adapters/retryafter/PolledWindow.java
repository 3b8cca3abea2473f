package io.github.zendeskprovisioning.adapters.retryafter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * A remote window (a storage row every instance of the app reads) asked at most once per {@code refresh}, so that
 * pacing a request does not cost a storage round trip; a window this process closes is written through at once
 * and forces the next read. A remote failure never stops a request: it is logged and the last known window holds.
 */
public final class PolledWindow implements RetryAfterWindow {
    private static final Logger LOG = Logger.getLogger(PolledWindow.class.getName());

    private final RetryAfterWindow remote;
    private final Clock clock;
    private final Duration refresh;
    private Instant known = Instant.EPOCH;
    private Instant nextRead = Instant.EPOCH;

    public PolledWindow(RetryAfterWindow remote, Clock clock, Duration refresh) {
        this.remote = remote;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public synchronized Instant openAt() {
        Instant now = clock.instant();
        if (!now.isBefore(nextRead)) {
            nextRead = now.plus(refresh);
            try {
                Instant read = remote.openAt();
                known = read.isAfter(known) ? read : known;
            } catch (RuntimeException e) {
                LOG.warning(() -> "Could not read the app's shared Retry-After window (" + e.getClass().getSimpleName()
                        + "); going by what this instance knows");
            }
        }
        return known;
    }

    @Override
    public synchronized void closeUntil(Instant until) {
        known = until.isAfter(known) ? until : known;
        nextRead = Instant.EPOCH;
        try {
            remote.closeUntil(until);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not share a Retry-After window with the app's other instances ("
                    + e.getClass().getSimpleName() + "); this instance keeps it");
        }
    }
}
