package io.github.zendeskprovisioning.adapters.entra;

import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Retries throttled and failed Graph requests as {@link RetryPolicy} says, through an injectable {@link Sleeper}
 * (it replaces the SDK's RetryHandler, which sleeps on the thread and cannot be observed). Every request this
 * reader sends is a read (GETs, and {@code $batch} POSTs of GETs), so sending one again is always harmless: 429
 * and 5xx answers and lost connections are retried alike. A {@code Retry-After} is law for everyone who shares the
 * {@link RetryAfterWindow}: it closes the window, and no request of any thread (or process, or instance, as far as
 * the window reaches) is sent before it opens again. A request body is buffered first so a retry sends it whole.
 * When the retries run out, or the server asks for a longer wait than the policy allows, the last answer (or
 * failure) goes back to the SDK, which turns it into an error the reader reports.
 */
final class ThrottlingRetryInterceptor implements Interceptor {
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RetryAfterWindow window;
    private final Clock clock;

    ThrottlingRetryInterceptor(RetryPolicy policy, Sleeper sleeper, RetryAfterWindow window, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = replayable(chain.request());
        Instant waitedFor = Instant.EPOCH;
        for (int retry = 1; ; retry++) {
            Instant open = awaitOpenWindow(waitedFor);
            if (open == null) {
                // The window is longer than the policy lets a read wait: fail now rather than send inside it.
                return notSent(request, Duration.between(clock.instant(), window.openAt()));
            }
            waitedFor = open;
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (retry > policy.maxRetries() || Thread.currentThread().isInterrupted()) throw e;
                pause(policy.delay(retry, null));
                continue;
            }
            if (!RetryPolicy.retryable(response.code())) return response;
            String retryAfter = response.header("Retry-After");
            Duration wait = policy.delay(retry, retryAfter);
            if (retryAfter != null && RetryAfter.parse(retryAfter) != null) {
                // Closed before deciding whether to retry here: other senders must wait even if this one gives up.
                Instant until = clock.instant().plus(wait);
                window.closeUntil(until);
                waitedFor = until;
            }
            if (retry > policy.maxRetries() || wait.compareTo(policy.maxDelay()) > 0) return response;
            response.close();
            pause(wait);
        }
    }

    /**
     * Waits until the shared window is open, unless this request already waited for that very window; answers the
     * instant waited for, or null when the wait would be longer than the policy allows. Another thread may lengthen
     * the window meanwhile, so it is read again after each wait.
     */
    private Instant awaitOpenWindow(Instant waitedFor) throws InterruptedIOException {
        Instant openAt = window.openAt();
        while (openAt.isAfter(waitedFor) && clock.instant().isBefore(openAt)) {
            Duration wait = Duration.between(clock.instant(), openAt);
            if (wait.compareTo(policy.maxDelay()) > 0) return null;
            pause(wait);
            waitedFor = openAt;
            openAt = window.openAt();
        }
        return waitedFor;
    }

    /** A 429 made here, in Graph's error envelope, for a request that was not sent because the window is open. */
    private static Response notSent(Request request, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        String body = "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Not sent: Graph asked to wait "
                + seconds + " s more.\"}}";
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(429)
                .message("Too Many Requests (Retry-After window still open; not sent)")
                .header("Retry-After", Long.toString(seconds))
                .body(ResponseBody.create(body, MediaType.get("application/json")))
                .build();
    }

    private void pause(Duration wait) throws InterruptedIOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry a Graph request");
        }
    }

    private static Request replayable(Request request) throws IOException {
        RequestBody body = request.body();
        if (body == null) return request;
        Buffer buffer = new Buffer();
        body.writeTo(buffer);
        return request.newBuilder()
                .method(request.method(), RequestBody.create(buffer.readByteArray(), body.contentType()))
                .build();
    }
}
