package io.github.zendeskprovisioning.simulators.zendesk;

import java.time.Duration;

/** Injected trouble: the next requests answered with a server error, dropped connections, added latency. */
final class Faults {
    private int failuresLeft;
    private int failureStatus = 503;
    private int dropsLeft;
    private Duration latency = Duration.ZERO;

    synchronized void failNext(int count, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("injected failures are 5xx statuses");
        }
        failuresLeft = count;
        failureStatus = status;
    }

    synchronized void dropNext(int count) {
        dropsLeft = count;
    }

    synchronized void latency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    synchronized Duration latency() {
        return latency;
    }

    /** The status to fail this request with, or 0 to let it through. */
    synchronized int takeFailure() {
        if (failuresLeft > 0) {
            failuresLeft--;
            return failureStatus;
        }
        return 0;
    }

    /** Whether to drop this request's connection after it was processed. */
    synchronized boolean takeDrop() {
        if (dropsLeft > 0) {
            dropsLeft--;
            return true;
        }
        return false;
    }

    synchronized void reset() {
        failuresLeft = 0;
        dropsLeft = 0;
        latency = Duration.ZERO;
    }
}
