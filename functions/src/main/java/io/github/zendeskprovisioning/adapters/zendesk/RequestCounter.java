package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.RequestStats;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Counts every request sent (retries and re-sends included), by endpoint with ids replaced by
 * {@code {id}}, the writes among them and the 429 answers.
 */
public final class RequestCounter implements Interceptor {
    private static final Pattern ID_SEGMENT = Pattern.compile("\\d+|[0-9a-f]{16,}");

    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    /** Per calling thread too (total, writes, throttled): OkHttp runs a synchronous call's interceptors on the caller's thread. */
    private final ThreadLocal<long[]> mine = ThreadLocal.withInitial(() -> new long[3]);

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        total.increment();
        long[] own = mine.get();
        own[0]++;
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            writes.increment();
            own[1]++;
        }
        byEndpoint.computeIfAbsent(endpoint(request), k -> new LongAdder()).increment();
        Response response = chain.proceed(request);
        if (response.code() == 429) {
            throttled.increment();
            own[2]++;
        }
        return response;
    }

    public RequestStats stats() {
        Map<String, Long> counts = new TreeMap<>();
        byEndpoint.forEach((k, v) -> counts.put(k, v.sum()));
        return new RequestStats(total.sum(), writes.sum(), throttled.sum(), counts);
    }

    public RequestStats statsOnThisThread() {
        long[] own = mine.get();
        return new RequestStats(own[0], own[1], own[2], Map.of());
    }

    /** "GET /api/v2/users/{id}" for "GET /api/v2/users/123.json". */
    static String endpoint(Request request) {
        StringBuilder path = new StringBuilder();
        for (String segment : request.url().pathSegments()) {
            String s = segment.endsWith(".json") ? segment.substring(0, segment.length() - 5) : segment;
            path.append('/').append(ID_SEGMENT.matcher(s).matches() ? "{id}" : s);
        }
        return request.method() + " " + (path.length() == 0 ? "/" : path);
    }
}
