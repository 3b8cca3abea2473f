package io.github.zendeskprovisioning.adapters.zendesk;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * Settles unknown outcomes (server errors, I/O failures, timeouts) by sending again, with bounded attempts and
 * exponential backoff with jitter, but only when sending again cannot do anything twice: GET, PUT and DELETE
 * always (reads; updates set the same values again; a repeated delete finds the record gone); a POST when it is
 * marked {@link RepeatSafe} (the mark names the Zendesk rule that makes it so) or when the connection was never
 * made. Any other POST that reached Zendesk may have created records, so its failure goes back to the caller
 * (group creation settles by looking the name up first).
 */
public final class RetryInterceptor implements Interceptor {
    private static final Logger LOG = Logger.getLogger(RetryInterceptor.class.getName());
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /**
     * @param random numbers in [0, 1) for the jitter; each wait is between half and all of
     *               {@code baseDelay * 2^(attempt-1)}, capped at {@code maxDelay}
     */
    RetryInterceptor(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper, DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (attempt >= maxAttempts || !(repeatable(request) || neverSent(e))
                        || e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                int n = attempt;
                LOG.warning(() -> RequestCounter.endpoint(request) + " failed (" + e.getClass().getSimpleName()
                        + "); attempt " + (n + 1) + " of " + maxAttempts);
                pause(attempt);
                continue;
            }
            if (response.code() < 500 || attempt >= maxAttempts || !repeatable(request)) {
                return response;
            }
            int n = attempt;
            int code = response.code();
            LOG.warning(() -> RequestCounter.endpoint(request) + " answered " + code + "; attempt " + (n + 1)
                    + " of " + maxAttempts);
            response.close();
            pause(attempt);
        }
    }

    static boolean repeatable(Request request) {
        return IDEMPOTENT.contains(request.method()) || request.tag(RepeatSafe.class) != null;
    }

    /** Failures that happen before a single byte of the request left this machine. */
    static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException;
    }

    Duration delay(int attempt) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, attempt - 1));
        long millis = (long) (ceiling * (0.5 + 0.5 * random.getAsDouble()));
        return Duration.ofMillis(millis);
    }

    void pause(int attempt) throws InterruptedIOException {
        try {
            sleeper.sleep(delay(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry a Zendesk request");
        }
    }
}
