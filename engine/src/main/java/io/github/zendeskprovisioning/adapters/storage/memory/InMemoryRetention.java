package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.Retention;

import java.time.Instant;

/** {@link Retention} over the in-memory log and cycle store; a log entry, a step marker and a cycle each count as one row. */
final class InMemoryRetention implements Retention {
    private final InMemoryProvisioningLog log;
    private final InMemoryCycleStore cycles;

    InMemoryRetention(InMemoryProvisioningLog log, InMemoryCycleStore cycles) {
        this.log = log;
        this.cycles = cycles;
    }

    @Override
    public Pruned prune(Instant cutoff, int maxDeletes) {
        if (maxDeletes < 1) throw new IllegalArgumentException("maxDeletes must be at least 1, not " + maxDeletes);
        int deleted = log.removeBefore(cutoff, maxDeletes);
        if (log.hasEntryBefore(cutoff)) return new Pruned(deleted, false);
        Pruned fromCycles = cycles.removeBefore(cutoff, maxDeletes - deleted);
        return new Pruned(deleted + fromCycles.deleted(), fromCycles.finished());
    }
}
