package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * Where the next incremental cycle starts: the Graph delta tokens, and the generation of the stored
 * assignment snapshot the last completed cycle saw. All null before the first completed cycle.
 * {@code mappingHash}: the content hash of the mapping configuration that cycle ran with (null when it was
 * committed before the hash was kept); a different one makes the next cycle a full re-evaluation.
 */
public record Watermark(String usersDeltaToken, String groupsDeltaToken, String assignmentsGeneration,
                        Instant committedAt, String mappingHash) {
    public Watermark(String usersDeltaToken, String groupsDeltaToken, String assignmentsGeneration, Instant committedAt) {
        this(usersDeltaToken, groupsDeltaToken, assignmentsGeneration, committedAt, null);
    }

    public static Watermark none() {
        return new Watermark(null, null, null, null, null);
    }

    public boolean exists() {
        return usersDeltaToken != null;
    }

    /** True when a watermark exists, says which mapping it was made with, and that is not {@code currentHash}. */
    public boolean mappingChangedFrom(String currentHash) {
        return exists() && mappingHash != null && !mappingHash.equals(currentHash);
    }

    public Watermark withMappingHash(String hash) {
        return new Watermark(usersDeltaToken, groupsDeltaToken, assignmentsGeneration, committedAt, hash);
    }
}
