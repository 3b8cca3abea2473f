package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * Where the next incremental cycle starts: the Graph delta tokens, and the generation of the stored
 * assignment snapshot the last completed cycle saw. All null before the first completed cycle.
 */
public record Watermark(String usersDeltaToken, String groupsDeltaToken, String assignmentsGeneration,
                        Instant committedAt) {
    public static Watermark none() {
        return new Watermark(null, null, null, null);
    }

    public boolean exists() {
        return usersDeltaToken != null;
    }
}
