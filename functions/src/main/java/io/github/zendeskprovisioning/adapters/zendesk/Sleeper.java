package io.github.zendeskprovisioning.adapters.zendesk;

import java.time.Duration;

/** Waits; tests pass one that moves a manual clock instead of blocking. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            }
        };
    }
}
