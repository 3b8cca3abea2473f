package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.target.RequestStats;

import java.util.Map;

/**
 * Requests made to Zendesk and Graph while one message was handled, added to the cycle's counts. Workers
 * that run side by side in one process share the clients, so under concurrency the split is approximate;
 * the CLI and the local host handle one message at a time per cycle and count exactly.
 */
public final class RequestMeter {
    public static final String ZENDESK_REQUESTS = "zendeskRequests";
    public static final String ZENDESK_WRITES = "zendeskWrites";
    public static final String ZENDESK_THROTTLED = "zendeskThrottled";
    public static final String GRAPH_REQUESTS = "graphRequests";

    private final EngineContext ctx;
    private final RequestStats zendeskBefore;
    private final long graphBefore;

    public RequestMeter(EngineContext ctx) {
        this.ctx = ctx;
        this.zendeskBefore = ctx.zendesk().requestStats();
        this.graphBefore = ctx.entra().requestCount();
    }

    public Map<String, Long> since() {
        RequestStats now = ctx.zendesk().requestStats();
        return Map.of(ZENDESK_REQUESTS, now.total() - zendeskBefore.total(),
                ZENDESK_WRITES, now.writes() - zendeskBefore.writes(),
                ZENDESK_THROTTLED, now.throttled() - zendeskBefore.throttled(),
                GRAPH_REQUESTS, ctx.entra().requestCount() - graphBefore);
    }
}
