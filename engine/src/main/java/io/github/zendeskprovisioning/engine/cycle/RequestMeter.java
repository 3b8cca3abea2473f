package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.target.RequestStats;

import java.util.Map;

/**
 * Requests made to Zendesk and Graph while one message was handled, added to the cycle's counts. Counted on
 * the handling thread only, so workers running side by side in one process each count their own.
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
        this.zendeskBefore = ctx.zendesk().requestStatsOnThisThread();
        this.graphBefore = ctx.entra().requestCountOnThisThread();
    }

    public Map<String, Long> since() {
        RequestStats now = ctx.zendesk().requestStatsOnThisThread();
        return Map.of(ZENDESK_REQUESTS, now.total() - zendeskBefore.total(),
                ZENDESK_WRITES, now.writes() - zendeskBefore.writes(),
                ZENDESK_THROTTLED, now.throttled() - zendeskBefore.throttled(),
                GRAPH_REQUESTS, ctx.entra().requestCountOnThisThread() - graphBefore);
    }
}
