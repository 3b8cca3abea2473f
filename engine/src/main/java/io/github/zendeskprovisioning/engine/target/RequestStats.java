package io.github.zendeskprovisioning.engine.target;

import java.util.Map;

/**
 * Requests made so far, by endpoint ("GET /api/v2/users/show_many", with ids replaced by {id}), for
 * reports and benchmarks. {@code throttled} counts 429 answers.
 */
public record RequestStats(long total, long writes, long throttled, Map<String, Long> byEndpoint) {
    public RequestStats {
        byEndpoint = Map.copyOf(byEndpoint);
    }

    public static RequestStats none() {
        return new RequestStats(0, 0, 0, Map.of());
    }
}
