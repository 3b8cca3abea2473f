package io.github.zendeskprovisioning.simulators.graph;

/**
 * One request the simulator answered: method, path with query (as sent, relative to the host), status, and
 * whether it was a step inside a {@code $batch} rather than an HTTP request of its own. No header is kept, so
 * no bearer token ever lands here.
 */
public record RecordedRequest(String method, String target, int status, boolean batchStep) {
}
