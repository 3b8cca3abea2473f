package io.github.zendeskprovisioning.adapters.zendesk;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long this client's Zendesk jobs take, learned by size, so that the first poll of a job comes when a job of
 * its size was last seen done instead of after a fixed second: a job of 100 users takes seconds, and polling from
 * the first second on costs three or four {@code job_statuses} requests per job where one or two will do.
 * Learning: a job found done at its first poll makes the next wait a tenth shorter (the estimate creeps down to
 * the real time); one that needed more polls sets the wait to the time it took. Waits stay between the first
 * poll interval and a ceiling, so an odd slow job cannot make the next ones wait long.
 */
final class JobTimings {
    private static final double SHORTER_AFTER_A_HIT = 0.9;

    private final Duration floor;
    private final Duration ceiling;
    /** By size class (the bit length of the item count: 1, 2-3, 4-7, ..., 64-127). */
    private final Map<Integer, Duration> firstWaits = new HashMap<>();

    JobTimings(Duration floor, Duration ceiling) {
        this.floor = floor;
        this.ceiling = ceiling.compareTo(floor) < 0 ? floor : ceiling;
    }

    /** How long to wait before the first poll of a job of this many items. */
    synchronized Duration firstWait(int items) {
        return firstWaits.getOrDefault(sizeClass(items), floor);
    }

    /**
     * A job of {@code items} was found done {@code elapsed} after it was queued, at poll number {@code polls} (0:
     * the bulk call's own answer said done, which teaches nothing).
     */
    synchronized void completed(int items, Duration waitedFirst, Duration elapsed, int polls) {
        if (polls < 1) return;
        Duration next = polls == 1 ? Duration.ofNanos((long) (waitedFirst.toNanos() * SHORTER_AFTER_A_HIT)) : elapsed;
        if (next.compareTo(floor) < 0) next = floor;
        if (next.compareTo(ceiling) > 0) next = ceiling;
        firstWaits.put(sizeClass(items), next);
    }

    static int sizeClass(int items) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(0, items));
    }
}
