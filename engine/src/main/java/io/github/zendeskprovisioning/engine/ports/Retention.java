package io.github.zendeskprovisioning.engine.ports;

import java.time.Instant;

/**
 * Pruning of what only grows: provisioning log entries, and the cycle bookkeeping (cycle records and their
 * per-step markers). Each call deletes a bounded number of rows, so one timer tick never runs long or
 * floods storage; what is left goes in the next tick.
 */
public interface Retention {

    /**
     * Deletes at most {@code maxDeletes} stored rows of log entries written before {@code cutoff}, then of
     * cycles started before it (a cycle's step markers before its record). The current cycle and the last
     * one are kept whatever their age (status and a running cycle need them). Rows gone already count as done.
     */
    Pruned prune(Instant cutoff, int maxDeletes);

    /** {@code deleted} rows; {@code finished} when nothing older than the cutoff is left. */
    record Pruned(int deleted, boolean finished) {
        public Pruned {
            if (deleted < 0) throw new IllegalArgumentException("deleted must not be negative");
        }
    }
}
