package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.NativeResponseHandler;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.time.Clock;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import java.util.List;
import java.util.Map;

/**
 * Sends GETs through {@code $batch}, 20 to a call (Graph's limit), and returns every answer or throws. Each step
 * is answered on its own: steps throttled inside a batch are sent again in the next batch after the longest
 * {@code Retry-After} they asked for, within the {@link RetryPolicy}; any other failed step fails the read.
 */
final class BatchReader {
    static final int MAX_STEPS = 20;
    private static final HashMap<String, ParsableFactory<? extends Parsable>> ERRORS = new HashMap<>(Map.of(
            "XXX", ODataError::createFromDiscriminatorValue));

    private final GraphServiceClient graph;
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    private final RetryAfterWindow window;
    private final Clock clock;

    BatchReader(GraphServiceClient graph, RetryPolicy policy, Sleeper sleeper, RetryAfterWindow window, Clock clock) {
        this.window = window;
        this.clock = clock;
        this.graph = graph;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    <R extends Parsable> List<R> getAll(String read, List<RequestInformation> requests, ParsableFactory<R> factory) {
        List<R> results = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += MAX_STEPS) {
            results.addAll(getChunk(read, requests.subList(from, Math.min(from + MAX_STEPS, requests.size())), factory));
        }
        return results;
    }

    private <R extends Parsable> List<R> getChunk(String read, List<RequestInformation> requests, ParsableFactory<R> factory) {
        List<R> results = new ArrayList<>(java.util.Collections.nCopies(requests.size(), null));
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) pending.add(i);
        for (int retry = 0; !pending.isEmpty(); retry++) {
            Map<String, Integer> stepToIndex = new LinkedHashMap<>();
            BatchRequestContent content = new BatchRequestContent(graph);
            for (int index : pending) stepToIndex.put(content.addBatchRequestStep(requests.get(index)), index);
            BatchResponseContent answer = send(read, content);
            Map<String, Integer> statuses = answer.getResponsesStatusCode();
            List<Integer> throttled = new ArrayList<>();
            Duration wait = Duration.ZERO;
            for (Map.Entry<String, Integer> step : stepToIndex.entrySet()) {
                Integer status = statuses.get(step.getKey());
                if (status == null) throw new EntraReadException("Graph's $batch answer for " + read + " lacks a step");
                if (status >= 200 && status < 300) {
                    R value = answer.getResponseById(step.getKey(), factory);
                    if (value == null) throw new EntraReadException("Graph's $batch answer for " + read + " has an empty step");
                    results.set(step.getValue(), value);
                } else if (RetryPolicy.retryable(status)) {
                    throttled.add(step.getValue());
                    Response raw = answer.getResponseById(step.getKey());
                    Duration asked = policy.delay(retry + 1, raw == null ? null : raw.header("Retry-After"));
                    if (raw != null) raw.close();
                    if (asked.compareTo(wait) > 0) wait = asked;
                } else {
                    throw ReadFailures.status(read + " (batched)", status, null, null);
                }
            }
            if (!throttled.isEmpty() && (retry >= policy.maxRetries() || wait.compareTo(policy.maxDelay()) > 0)) {
                throw ReadFailures.status(read + " (batched)", 429, null, null);
            }
            pending = throttled;
            if (!pending.isEmpty()) {
                // A step's Retry-After holds for every sender too, not just for this batch's next round.
                window.closeUntil(clock.instant().plus(wait));
                pause(wait);
            }
        }
        return results;
    }

    /** Posts the batch; the outer request itself is retried by the HTTP pipeline, so a failure here is final. */
    private BatchResponseContent send(String read, BatchRequestContent content) {
        try {
            RequestInformation info = graph.getBatchRequestBuilder().toPostRequestInformation(content);
            NativeResponseHandler handler = new NativeResponseHandler();
            info.setResponseHandler(handler);
            graph.getRequestAdapter().sendPrimitive(info, ERRORS, InputStream.class);
            Response response = (Response) handler.getValue();
            if (response == null) throw new EntraReadException("Graph gave no answer to a $batch for " + read);
            if (response.code() != 200) {
                int code = response.code();
                response.close();
                throw ReadFailures.status(read + " ($batch)", code, null, null);
            }
            return new BatchResponseContent(response, ERRORS);
        } catch (IOException e) {
            throw new EntraReadException("Graph read failed (" + read + " $batch): " + e.getClass().getSimpleName(), false, e);
        } catch (ApiException | IllegalStateException e) {
            throw ReadFailures.of(read + " ($batch)", e);
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EntraReadException("interrupted while waiting to retry throttled Graph reads");
        }
    }
}
