package io.github.zendeskprovisioning.simulators.graph;

import java.time.Instant;

/**
 * One request the simulator answered: method, path with query (as sent, relative to the host), status, and
 * whether it was a step inside a {@code $batch} rather than an HTTP request of its own, and when it arrived on
 * the simulator's clock. Status 0: the connection was dropped without an answer. No header is kept, so no bearer
 * token ever lands here.
 */
public record RecordedRequest(String method, String target, int status, boolean batchStep, Instant time) {
}
