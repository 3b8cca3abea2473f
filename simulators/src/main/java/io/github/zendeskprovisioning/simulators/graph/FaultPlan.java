package io.github.zendeskprovisioning.simulators.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Fault switches for tests and demos, deterministic: the next requests answered 429 or 503 with
 * {@code Retry-After}; requests whose target contains a fragment failing a given number of times; a share of the
 * requests (chosen by a generator seeded with {@link #seed(long)}) answered 429/5xx, dropped or slowed; the next
 * requests containing a fragment whose connection is dropped without an answer, or answered late; throttled
 * {@code $batch} steps; paging links lost; and added latency. Counted switches count down as requests arrive and
 * then the simulator answers normally again; shares last until {@link #clear()}. Graph is only read here, so a
 * dropped connection changes nothing on the server: dropping before or after "applying" is the same.
 */
public final class FaultPlan {
    private int throttled;
    private int unavailable;
    private int throttledBatchSteps;
    private int pagesWithoutLinks;
    private int retryAfterSeconds = 1;
    private Duration latency = Duration.ZERO;
    private final List<TargetFault> targetFaults = new ArrayList<>();
    private final List<TargetFault> drops = new ArrayList<>();
    private final List<SlowTarget> slowTargets = new ArrayList<>();
    private Random random = new Random(0);
    private double errorShare;
    private int errorShareStatus = 503;
    private double dropShare;
    private int hits;

    private record SlowTarget(String fragment, Duration delay, int[] remaining) {
    }

    private static final class TargetFault {
        final String fragment;
        final int status;
        int remaining;

        TargetFault(String fragment, int status, int remaining) {
            this.fragment = fragment;
            this.status = status;
            this.remaining = remaining;
        }
    }

    /** The next {@code requests} HTTP requests get 429 Too Many Requests with this {@code Retry-After}. */
    public synchronized FaultPlan throttleNext(int requests, int retryAfterSeconds) {
        this.throttled = requests;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /** The next {@code requests} HTTP requests get 503 Service Unavailable with this {@code Retry-After}. */
    public synchronized FaultPlan unavailableNext(int requests, int retryAfterSeconds) {
        this.unavailable = requests;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /**
     * Requests whose path-and-query contains {@code fragment} (for example {@code $skiptoken}, to fail the second
     * page of a read) get {@code status} the next {@code times} times ({@link Integer#MAX_VALUE}: never recover).
     */
    public synchronized FaultPlan failRequestsContaining(String fragment, int status, int times) {
        targetFaults.add(new TargetFault(fragment, status, times));
        return this;
    }

    /** The next {@code steps} steps inside {@code $batch} requests are answered 429 on their own. */
    public synchronized FaultPlan throttleNextBatchSteps(int steps, int retryAfterSeconds) {
        this.throttledBatchSteps = steps;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /**
     * The next {@code pages} successful collection answers lose their {@code @odata.nextLink} and
     * {@code @odata.deltaLink}: a truncated page, which a careful reader must refuse rather than take as the end.
     */
    public synchronized FaultPlan dropPagingLinksNext(int pages) {
        this.pagesWithoutLinks = pages;
        return this;
    }

    /** Seeds the generator that picks the requests a share hits. */
    public synchronized FaultPlan seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    /** This share (0 to 1) of all requests is answered {@code status} (429 or 5xx, with {@code Retry-After}). */
    public synchronized FaultPlan failShare(double share, int status, int retryAfterSeconds) {
        if (share < 0 || share > 1) throw new IllegalArgumentException("a share is between 0 and 1, not " + share);
        this.errorShare = share;
        this.errorShareStatus = status;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /** This share (0 to 1) of all requests loses its connection without an answer. */
    public synchronized FaultPlan dropShare(double share) {
        if (share < 0 || share > 1) throw new IllegalArgumentException("a share is between 0 and 1, not " + share);
        this.dropShare = share;
        return this;
    }

    /** Requests whose target contains {@code fragment} lose their connection, without an answer, the next {@code times} times. */
    public synchronized FaultPlan dropConnectionsContaining(String fragment, int times) {
        drops.add(new TargetFault(fragment, 0, times));
        return this;
    }

    /** Requests whose target contains {@code fragment} are answered only after {@code delay}, the next {@code times} times. */
    public synchronized FaultPlan slowRequestsContaining(String fragment, int times, Duration delay) {
        slowTargets.add(new SlowTarget(fragment, delay, new int[]{times}));
        return this;
    }

    /** Every request waits this long before it is answered. */
    public synchronized FaultPlan latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** How many requests a fault (error, drop or slow answer, counted or by share) has hit so far. */
    public synchronized int hits() {
        return hits;
    }

    public synchronized void clear() {
        hits = 0;
        throttled = 0;
        unavailable = 0;
        throttledBatchSteps = 0;
        pagesWithoutLinks = 0;
        retryAfterSeconds = 1;
        latency = Duration.ZERO;
        targetFaults.clear();
        drops.clear();
        slowTargets.clear();
        random = new Random(0);
        errorShare = 0;
        dropShare = 0;
    }

    /** The extra wait for this request, if a slow switch hits it. */
    synchronized Duration slowness(String target) {
        for (SlowTarget slow : slowTargets) {
            if (slow.remaining()[0] > 0 && target.contains(slow.fragment())) {
                slow.remaining()[0]--;
                hits++;
                return slow.delay();
            }
        }
        return Duration.ZERO;
    }

    /** Whether to drop this request's connection instead of answering. */
    synchronized boolean dropConnection(String target) {
        for (TargetFault drop : drops) {
            if (drop.remaining > 0 && target.contains(drop.fragment)) {
                if (drop.remaining != Integer.MAX_VALUE) drop.remaining--;
                hits++;
                return true;
            }
        }
        boolean drop = dropShare > 0 && random.nextDouble() < dropShare;
        if (drop) hits++;
        return drop;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized Optional<GraphError> nextFault(String target) {
        Optional<GraphError> fault = chooseFault(target);
        if (fault.isPresent()) hits++;
        return fault;
    }

    private Optional<GraphError> chooseFault(String target) {
        if (throttled > 0) {
            throttled--;
            return Optional.of(throttledError());
        }
        if (unavailable > 0) {
            unavailable--;
            return Optional.of(new GraphError(503, "serviceNotAvailable", "Service unavailable. Retry later.",
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds))));
        }
        for (TargetFault fault : targetFaults) {
            if (fault.remaining > 0 && target.contains(fault.fragment)) {
                if (fault.remaining != Integer.MAX_VALUE) fault.remaining--;
                return Optional.of(errorFor(fault.status));
            }
        }
        if (errorShare > 0 && random.nextDouble() < errorShare) return Optional.of(errorFor(errorShareStatus));
        return Optional.empty();
    }

    synchronized boolean dropPagingLinks() {
        if (pagesWithoutLinks <= 0) return false;
        pagesWithoutLinks--;
        return true;
    }

    synchronized Optional<GraphError> nextBatchStepFault() {
        if (throttledBatchSteps > 0) {
            throttledBatchSteps--;
            hits++;
            return Optional.of(throttledError());
        }
        return Optional.empty();
    }

    private GraphError throttledError() {
        return new GraphError(429, "TooManyRequests", "Too many requests.",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    private GraphError errorFor(int status) {
        return switch (status) {
            case 429 -> throttledError();
            case 503 -> new GraphError(503, "serviceNotAvailable", "Service unavailable. Retry later.",
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
            case 401 -> new GraphError(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            case 403 -> new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            case 404 -> new GraphError(404, "Request_ResourceNotFound", "Resource does not exist.");
            default -> new GraphError(status, "generalException", "An unexpected error occurred.");
        };
    }
}
