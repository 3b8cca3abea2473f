package io.github.zendeskprovisioning.simulators.zendesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Injected trouble for fault tests, deterministic and configurable from a test. Each rule names the requests it
 * may hit by an endpoint pattern, the kind of fault, and either how many matching requests it hits next or what
 * share of them it hits (drawn from a random generator seeded by {@link #seed(long)}, so a single-threaded run
 * is the same every time). Rules are tried in the order they were added; the first that fires decides.
 *
 * <p>Endpoint patterns are {@code "METHOD /path"} with ids written {@code {id}} and {@code *} matching anything,
 * e.g. {@code "POST /api/v2/users/create_many"}, {@code "GET /api/v2/job_statuses/{id}"}, {@code "* /api/v2/groups*"},
 * or just {@code "*"} for every request. The {@code .json} suffix of a path is ignored.
 *
 * <p>Kinds ({@link Kind}):
 * <ul>
 *   <li>{@code SERVER_ERROR}: answers the rule's status (500, 503, ...) without processing the request;</li>
 *   <li>{@code DROP_BEFORE_APPLY}: reads the request, then closes the connection without processing or answering;</li>
 *   <li>{@code DROP_AFTER_APPLY}: processes the request (the write is done), then closes the connection
 *       without answering, as a lost answer looks to the client;</li>
 *   <li>{@code THROTTLE}: answers 429 with {@code Retry-After} (the rule's seconds) and holds the whole account
 *       throttled for that window on the simulator's clock, as Zendesk does;</li>
 *   <li>{@code SLOW}: waits the rule's delay (real time) before processing and answering normally; with a client
 *       read timeout shorter than the delay, the client gives up while the write is still applied.</li>
 * </ul>
 *
 * <p>Besides the rules, {@link #limitRate(int, Duration)} sets a sliding-window limit in real time (Zendesk's
 * short-burst limits, e.g. 20 requests in 2 seconds, finer than the simulator's per-minute limit): a request over
 * it is answered 429 with the seconds until the window has room, without being processed. {@link #hits()} counts
 * the rule faults that fired, so a test can tell a fault that hit from one that never met its endpoint.
 */
public final class ZendeskFaults {
    /** What a fault does to the request it hits. */
    public enum Kind { SERVER_ERROR, DROP_BEFORE_APPLY, DROP_AFTER_APPLY, THROTTLE, SLOW }

    /** The fault chosen for one request. */
    public record Fault(Kind kind, int status, int retryAfterSeconds, Duration delay) {
    }

    private static final class Rule {
        final Pattern endpoint;
        final Fault fault;
        final double share;
        int remaining;

        Rule(Pattern endpoint, Fault fault, int remaining, double share) {
            this.endpoint = endpoint;
            this.fault = fault;
            this.remaining = remaining;
            this.share = share;
        }
    }

    private static final Pattern ID_SEGMENT = Pattern.compile("\\d+|[0-9a-f]{16,}");

    private final List<Rule> rules = new ArrayList<>();
    private Random random = new Random(0);
    private Duration latency = Duration.ZERO;
    private int hits;
    private int rateLimited;
    private int windowRequests;
    private long windowNanos;
    private final java.util.ArrayDeque<Long> admitted = new java.util.ArrayDeque<>();

    /** Seeds the generator that decides which requests a share rule hits. */
    public synchronized ZendeskFaults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** The next {@code times} requests matching {@code endpoint} are answered {@code status} (5xx), unprocessed. */
    public ZendeskFaults serverErrorNext(String endpoint, int times, int status) {
        return add(endpoint, serverError(status), times, 1.0);
    }

    /** The next {@code times} matching requests lose their connection before (or after) being processed. */
    public ZendeskFaults dropNext(String endpoint, int times, boolean afterApply) {
        return add(endpoint, drop(afterApply), times, 1.0);
    }

    /** The next {@code times} matching requests are answered 429 with this {@code Retry-After}. */
    public ZendeskFaults throttleNext(String endpoint, int times, int retryAfterSeconds) {
        return add(endpoint, throttle(retryAfterSeconds), times, 1.0);
    }

    /** The next {@code times} matching requests are answered only after {@code delay}. */
    public ZendeskFaults slowNext(String endpoint, int times, Duration delay) {
        return add(endpoint, slow(delay), times, 1.0);
    }

    /** This share (0 to 1) of the matching requests, chosen by the seeded generator, meets {@code fault}, forever. */
    public ZendeskFaults share(String endpoint, double share, Fault fault) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("a share is between 0 and 1, not " + share);
        }
        return add(endpoint, fault, Integer.MAX_VALUE, share);
    }

    public static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("injected server errors are 5xx statuses, not " + status);
        }
        return new Fault(Kind.SERVER_ERROR, status, 0, Duration.ZERO);
    }

    public static Fault drop(boolean afterApply) {
        return new Fault(afterApply ? Kind.DROP_AFTER_APPLY : Kind.DROP_BEFORE_APPLY, 0, 0, Duration.ZERO);
    }

    public static Fault throttle(int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After is at least 1 second");
        }
        return new Fault(Kind.THROTTLE, 429, retryAfterSeconds, Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative");
        }
        return new Fault(Kind.SLOW, 0, 0, delay);
    }

    /** Real time added before every answer. */
    public synchronized ZendeskFaults latency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
        return this;
    }

    /**
     * At most {@code requests} requests are processed in any {@code window} (real time); one over it is answered
     * 429 with {@code Retry-After} (whole seconds until the oldest leaves the window, at least 1), unprocessed.
     */
    public synchronized ZendeskFaults limitRate(int requests, Duration window) {
        if (requests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request in a positive window");
        }
        this.windowRequests = requests;
        this.windowNanos = window.toNanos();
        admitted.clear();
        return this;
    }

    /** How many requests a rule's fault has hit so far (the rate limit's 429s not counted). */
    public synchronized int hits() {
        return hits;
    }

    /** How many requests the {@link #limitRate(int, Duration)} limit answered 429. */
    public synchronized int rateLimited() {
        return rateLimited;
    }

    public synchronized void clear() {
        rules.clear();
        latency = Duration.ZERO;
        random = new Random(0);
        hits = 0;
        rateLimited = 0;
        windowRequests = 0;
        admitted.clear();
    }

    synchronized Duration latency() {
        return latency;
    }

    /** The fault for this request, if a rule fires; counts it down. */
    synchronized Optional<Fault> decide(String method, String rawPath) {
        Optional<Fault> overLimit = overRateLimit();
        if (overLimit.isPresent()) {
            return overLimit;
        }
        String endpoint = endpoint(method, rawPath);
        for (Rule rule : rules) {
            if (rule.remaining <= 0 || !rule.endpoint.matcher(endpoint).matches()) {
                continue;
            }
            if (rule.share < 1.0 && random.nextDouble() >= rule.share) {
                continue;
            }
            if (rule.remaining != Integer.MAX_VALUE) {
                rule.remaining--;
            }
            hits++;
            return Optional.of(rule.fault);
        }
        return Optional.empty();
    }

    private Optional<Fault> overRateLimit() {
        if (windowRequests == 0) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= windowNanos) {
            admitted.pollFirst();
        }
        if (admitted.size() < windowRequests) {
            admitted.addLast(now);
            return Optional.empty();
        }
        rateLimited++;
        long waitNanos = windowNanos - (now - admitted.peekFirst());
        return Optional.of(throttle((int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L)));
    }

    private synchronized ZendeskFaults add(String endpoint, Fault fault, int times, double share) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be zero or more");
        }
        rules.add(new Rule(pattern(endpoint), fault, times, share));
        return this;
    }

    /** "POST /api/v2/users/{id}" for POST /api/v2/users/123.json. */
    static String endpoint(String method, String rawPath) {
        StringBuilder path = new StringBuilder();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String s = segment.endsWith(".json") ? segment.substring(0, segment.length() - 5) : segment;
            path.append('/').append(ID_SEGMENT.matcher(s).matches() ? "{id}" : s);
        }
        return method.toUpperCase(Locale.ROOT) + " " + (path.length() == 0 ? "/" : path);
    }

    private static Pattern pattern(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("an endpoint pattern such as \"POST /api/v2/users/create_many\" or \"*\" is needed");
        }
        String[] parts = endpoint.trim().split("\\*", -1);
        return Pattern.compile(Arrays.stream(parts).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
