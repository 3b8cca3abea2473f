package io.github.zendeskprovisioning.adapters.zendesk;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Paces requests through the shared {@link RateLimitGate} and answers a 429 by waiting out its
 * {@code Retry-After} and sending again (a throttled request was not processed, so any method may be
 * re-sent), up to {@code maxThrottledAttempts} times; the last 429 is handed back to the caller. A wait
 * longer than {@code maxWait} is not sat out in the caller's thread: the caller gets a 429 at once (made
 * here, without sending anything while the window lasts) and can come back later.
 */
public final class RateLimitInterceptor implements Interceptor {
    private static final Logger LOG = Logger.getLogger(RateLimitInterceptor.class.getName());
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final RateLimitGate gate;
    private final Sleeper sleeper;
    private final int maxThrottledAttempts;
    private final Duration maxWait;

    RateLimitInterceptor(RateLimitGate gate, Sleeper sleeper, int maxThrottledAttempts, Duration maxWait) {
        this.gate = gate;
        this.sleeper = sleeper;
        this.maxThrottledAttempts = maxThrottledAttempts;
        this.maxWait = maxWait;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Duration tooLong = awaitTurn();
            if (tooLong != null) {
                return locallyThrottled(chain.request(), tooLong);
            }
            Response response = chain.proceed(chain.request());
            observe(response);
            if (response.code() != 429) {
                return response;
            }
            Duration retryAfter = retryAfter(response);
            gate.blockFor(retryAfter);
            if (attempt >= maxThrottledAttempts || retryAfter.compareTo(maxWait) > 0) {
                return response;
            }
            LOG.info(() -> "Zendesk throttled " + RequestCounter.endpoint(chain.request()) + "; waiting "
                    + retryAfter.toSeconds() + " s as Retry-After asks");
            response.close();
        }
    }

    /** Waits for this request's turn; answers the wait instead when it is longer than {@code maxWait}. */
    private Duration awaitTurn() throws InterruptedIOException {
        for (Duration wait = gate.reserve(); !wait.isZero(); wait = gate.reserve()) {
            if (wait.compareTo(maxWait) > 0) {
                return wait;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the Zendesk rate limit");
            }
        }
        return null;
    }

    private static Response locallyThrottled(Request request, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(429)
                .message("Throttled (Retry-After window still open; not sent)")
                .header("Retry-After", Long.toString(seconds))
                .body(ResponseBody.create("{\"error\":\"TooManyRequests\",\"description\":\"not sent: Zendesk asked to wait "
                        + seconds + " s more\"}", MediaType.get("application/json")))
                .build();
    }

    private void observe(Response response) {
        Integer limit = intHeader(response, "X-Rate-Limit");
        Integer remaining = intHeader(response, "X-Rate-Limit-Remaining");
        if (limit != null && remaining != null) {
            gate.observe(limit, remaining);
        }
    }

    static Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value != null) {
            try {
                long seconds = Long.parseLong(value.trim());
                return Duration.ofSeconds(Math.max(1, seconds));
            } catch (NumberFormatException ignored) {
                // An HTTP date or garbage: fall back to a full minute, Zendesk's window.
            }
        }
        return DEFAULT_RETRY_AFTER;
    }

    private static Integer intHeader(Response response, String name) {
        String value = response.header(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
