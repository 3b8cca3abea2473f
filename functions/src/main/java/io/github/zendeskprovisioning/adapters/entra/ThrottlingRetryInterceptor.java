package io.github.zendeskprovisioning.adapters.entra;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Retries 429/503/504 answers as {@link RetryPolicy} says, honouring {@code Retry-After}, through an injectable
 * {@link Sleeper} (it replaces the SDK's RetryHandler, which sleeps on the thread and cannot be observed). A
 * request body (the {@code $batch} POST, a read) is buffered first so a retry sends it again whole. When the
 * retries run out, or the server asks for a longer wait than the policy allows, the last answer goes back to
 * the SDK, which turns it into an error the reader reports.
 */
final class ThrottlingRetryInterceptor implements Interceptor {
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    ThrottlingRetryInterceptor(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = replayable(chain.request());
        Response response = chain.proceed(request);
        for (int retry = 1; retry <= policy.maxRetries() && RetryPolicy.retryable(response.code()); retry++) {
            Duration wait = policy.delay(retry, response.header("Retry-After"));
            if (wait.compareTo(policy.maxDelay()) > 0) return response;
            response.close();
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry a throttled Graph request");
            }
            response = chain.proceed(request);
        }
        return response;
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
