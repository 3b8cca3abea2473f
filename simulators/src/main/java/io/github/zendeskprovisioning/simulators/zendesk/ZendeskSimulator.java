package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A stateful Zendesk Support API v2 on 127.0.0.1, answering as the official OpenAPI description and
 * Zendesk's documented rules say: users (single and bulk, show_many, search, me), groups, group
 * memberships, job statuses, custom roles and the OAuth client_credentials grant; cursor and offset
 * pagination; RecordInvalid / RecordNotFound / 401 / 403 error shapes; a per-minute rate limit with
 * {@code X-Rate-Limit}, {@code X-Rate-Limit-Remaining} and 429 {@code Retry-After}. The Java methods are
 * the control API for tests and the demo: seed state, read it back, inject faults ({@link #faults()}: 5xx,
 * connections dropped before or after a write is applied, 429 with Retry-After, slow answers, per endpoint or
 * as a seeded share), read the request log (each request's time on the simulator's clock and its status, 0 for
 * a dropped connection).
 */
public final class ZendeskSimulator implements AutoCloseable {
    public static final String SEED_ADMIN_EMAIL = "admin@example.com";
    public static final String SEED_API_TOKEN = "sim-api-token-0001";
    public static final String SEED_OAUTH_CLIENT_ID = "zendesk-provisioning";
    public static final String SEED_OAUTH_CLIENT_SECRET = "sim-client-secret-0001";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock;
    private final ZendeskTenant tenant;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final ZendeskFaults faults = new ZendeskFaults();
    private final Router router = new Router();
    private final List<LoggedRequest> log = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Consumer<ZendeskSimulator>> seeds = new CopyOnWriteArrayList<>();
    private volatile boolean bulkImports = true;
    private HttpServer server;
    private volatile String base;
    private ExecutorService executor;

    public ZendeskSimulator() {
        this(Clock.systemUTC());
    }

    /** @param clock drives timestamps, token expiry and the rate-limit windows (a {@link ManualClock} in tests) */
    public ZendeskSimulator(Clock clock) {
        this.clock = clock;
        this.tenant = new ZendeskTenant(clock);
        this.authenticator = new Authenticator(clock);
        this.rateLimiter = new RateLimiter(clock);
        new UserRoutes(tenant, () -> bulkImports).register(router);
        new GroupRoutes(tenant).register(router);
        new OrganizationRoutes(tenant).register(router);
        new JobRoutes(tenant).register(router);
    }

    /**
     * A simulator with an admin ({@link #SEED_ADMIN_EMAIL}) reachable by the seed API token and OAuth
     * client, and the given extra seeding; {@link #reset()} replays it. Not started.
     */
    public static ZendeskSimulator seeded(Clock clock, Consumer<ZendeskSimulator> extra) {
        ZendeskSimulator simulator = new ZendeskSimulator(clock);
        simulator.addApiToken(SEED_ADMIN_EMAIL, SEED_API_TOKEN);
        simulator.addOAuthClient(SEED_OAUTH_CLIENT_ID, SEED_OAUTH_CLIENT_SECRET, SEED_ADMIN_EMAIL);
        simulator.seeds.add(s -> s.seedUser("Zendesk Admin", SEED_ADMIN_EMAIL, null, "admin"));
        simulator.seeds.add(extra);
        simulator.seeds.forEach(seed -> seed.accept(simulator));
        return simulator;
    }

    public static ZendeskSimulator seeded() {
        return seeded(Clock.systemUTC(), s -> {
        });
    }

    // ---- lifecycle ----

    public ZendeskSimulator start() {
        return start(0);
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free one). */
    public synchronized ZendeskSimulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started on " + baseUrl());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "zendesk-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        return this;
    }

    public String baseUrl() {
        String url = base;
        if (url == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return url;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            base = null;
        }
    }

    // ---- configuration and switches ----

    public ZendeskSimulator addApiToken(String email, String token) {
        authenticator.addApiToken(email, token);
        return this;
    }

    public ZendeskSimulator addOAuthClient(String clientId, String clientSecret, String email) {
        authenticator.addOAuthClient(clientId, clientSecret, email);
        return this;
    }

    public ZendeskSimulator addBearerToken(String token, String email) {
        authenticator.addBearerToken(token, email);
        return this;
    }

    /** {@code expires_in} of tokens issued from now on (default 1,800 seconds). */
    public ZendeskSimulator tokenLifetime(Duration lifetime) {
        authenticator.tokenLifetime(lifetime);
        return this;
    }

    /** Makes every issued OAuth token invalid, as a revocation in the Admin Center would. */
    public void revokeIssuedTokens() {
        authenticator.revokeIssuedTokens();
    }

    /** Whether bulk imports are on: off, create_many, create_or_update_many and update_many answer 403. */
    public ZendeskSimulator bulkImports(boolean enabled) {
        this.bulkImports = enabled;
        return this;
    }

    public ZendeskSimulator rateLimitPerMinute(int limit) {
        rateLimiter.limitPerMinute(limit);
        return this;
    }

    /** Answers 429 with a Retry-After to everything for this long (on the simulator's clock). */
    public void throttleFor(Duration duration) {
        rateLimiter.throttleFor(duration);
    }

    /** The next {@code count} requests get {@code status} (500, 503, ...) without being processed. */
    public void failNextRequests(int count, int status) {
        faults.serverErrorNext("*", count, status);
    }

    /** The next {@code count} requests are processed, then their connection is dropped without an answer. */
    public void dropNextConnections(int count) {
        faults.dropNext("*", count, true);
    }

    /** Real time added before every answer. */
    public void latency(Duration latency) {
        faults.latency(latency);
    }

    /** The fault plan: per-endpoint and seeded-share faults of every kind (see {@link ZendeskFaults}). */
    public ZendeskFaults faults() {
        return faults;
    }

    /** How many polls a job answers "queued"/"working" before "completed" (default 1). */
    public ZendeskSimulator jobPollsBeforeCompletion(int polls) {
        tenant.pollsBeforeCompletion(polls);
        return this;
    }

    /**
     * How long a bulk job of n items runs before its status can say "completed": {@code base + n * perItem} on
     * the simulator's clock (besides {@link #jobPollsBeforeCompletion}). Zero by default; the benchmark sets it.
     */
    public ZendeskSimulator jobDuration(Duration base, Duration perItem) {
        tenant.jobDuration(base, perItem);
        return this;
    }

    /** Clears users, groups, memberships, roles, jobs, tokens, faults and the log, then replays the seeding. */
    public void reset() {
        tenant.clear();
        authenticator.reset();
        rateLimiter.reset();
        faults.clear();
        log.clear();
        bulkImports = true;
        seeds.forEach(seed -> seed.accept(this));
    }

    // ---- seeding ----

    public SimulatedUser seedUser(String name, String email, String externalId, String role) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("name", name);
        input.put("email", email);
        input.put("external_id", externalId);
        input.put("role", role == null ? "end-user" : role);
        return view(tenant.createUser(input));
    }

    /** Seeds a user with any Zendesk attributes ({@code name} required), as a JSON object. */
    public SimulatedUser seedUser(Map<String, Object> attributes) {
        return view(tenant.createUser(mapper.valueToTree(attributes)));
    }

    public SimulatedGroup seedGroup(String name, String description) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("name", name);
        input.put("description", description);
        return group(tenant.createGroup(input));
    }

    /** An organization, as an admin would make it by hand; answers its id. */
    public long seedOrganization(String name) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("name", name);
        return tenant.createOrganization(input).path("id").asLong();
    }

    public SimulatedMembership seedMembership(long userId, long groupId) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("user_id", userId);
        input.put("group_id", groupId);
        return membership(tenant.createMembership(input));
    }

    public long seedCustomRole(String name, String description) {
        return tenant.addCustomRole(name, description).path("id").asLong();
    }

    public void renameCustomRole(long id, String name) {
        tenant.renameCustomRole(id, name);
    }

    public void deleteCustomRole(long id) {
        tenant.deleteCustomRole(id);
    }

    /**
     * Changes a user as an agent or admin would in Zendesk's own interface (any writable attribute, e.g.
     * {@code name}, {@code suspended}, {@code role}); Zendesk's rules apply, so an end-user loses its memberships.
     */
    public SimulatedUser changeUserByHand(long id, Map<String, Object> changes) {
        return view(tenant.updateUser(id, mapper.valueToTree(changes)));
    }

    /** Deletes a user as an admin would in Zendesk (soft delete: it stays readable as inactive). */
    public void deleteUserByHand(long id) {
        tenant.deleteUser(id);
    }

    // ---- reading state ----

    /** Every user, soft-deleted ones included. */
    public List<SimulatedUser> users() {
        return tenant.users(true).stream().map(this::view).toList();
    }

    public Optional<SimulatedUser> user(long id) {
        return tenant.user(id).map(this::view);
    }

    /** The active user with this e-mail identity (case-insensitive). */
    public Optional<SimulatedUser> userByEmail(String email) {
        return tenant.userByEmail(email).map(this::view);
    }

    public List<SimulatedGroup> groups() {
        return tenant.groups(false).stream().map(ZendeskSimulator::group).toList();
    }

    public List<SimulatedMembership> memberships() {
        return tenant.allMemberships().stream().map(ZendeskSimulator::membership).toList();
    }

    /** Organization id to name, every organization. */
    public Map<Long, String> organizations() {
        Map<Long, String> out = new LinkedHashMap<>();
        tenant.organizations().forEach(o -> out.put(o.path("id").asLong(), o.path("name").asText()));
        return out;
    }

    /** A user's tags as Zendesk holds them, in order; empty for an unknown user. */
    public List<String> tagsOf(long userId) {
        List<String> tags = new ArrayList<>();
        tenant.user(userId).ifPresent(u -> u.path("tags").forEach(t -> tags.add(t.asText())));
        return tags;
    }

    /** The {@link #jobDuration} of every bulk job queued so far, added up (zero when no duration is set). */
    public Duration queuedJobTime() {
        return tenant.queuedJobTime();
    }

    public int jobCount() {
        return tenant.jobCount();
    }

    public int issuedTokenCount() {
        return authenticator.issuedTokenCount();
    }

    public List<LoggedRequest> requestLog() {
        return List.copyOf(log);
    }

    public void clearRequestLog() {
        log.clear();
    }

    /**
     * Waits (up to {@code timeout}) until no request is being handled, so a test sees the work of a slow request
     * its client stopped waiting for; false when requests were still in flight at the timeout.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        var time = clock.instant();
        int status;
        inFlight.incrementAndGet();
        try (exchange) {
            pause(faults.latency());
            byte[] requestBody = readAll(exchange.getRequestBody());
            ZendeskFaults.Fault fault = faults.decide(method, rawPath).orElse(null);
            ZendeskFaults.Kind kind = fault == null ? null : fault.kind();
            if (kind == ZendeskFaults.Kind.SLOW) {
                pause(fault.delay());
            }
            if (kind == ZendeskFaults.Kind.THROTTLE) {
                rateLimiter.throttleFor(Duration.ofSeconds(fault.retryAfterSeconds()));
            }
            if (kind == ZendeskFaults.Kind.DROP_BEFORE_APPLY) {
                log.add(new LoggedRequest(method, pathAndQuery, time, 0, authorization != null));
                return; // closing the exchange before any header is sent drops the connection
            }
            RateLimiter.Decision decision = rateLimiter.admit();
            Router.Reply reply;
            if (decision.throttled()) {
                reply = new Router.Reply(429, errorBody("TooManyRequests",
                        "Rate limit exceeded; retry after " + decision.retryAfterSeconds() + " seconds"));
                exchange.getResponseHeaders().add("Retry-After", Long.toString(decision.retryAfterSeconds()));
            } else if (kind == ZendeskFaults.Kind.SERVER_ERROR) {
                reply = new Router.Reply(fault.status(), errorBody(fault.status() == 503 ? "ServiceUnavailable"
                        : "InternalServerError", "Injected failure"));
            } else {
                reply = dispatch(method, rawPath, rawQuery, requestBody, authorization, exchange);
            }
            if (kind == ZendeskFaults.Kind.DROP_AFTER_APPLY) {
                log.add(new LoggedRequest(method, pathAndQuery, time, 0, authorization != null));
                return; // processed; the answer is lost with the connection
            }
            exchange.getResponseHeaders().add("X-Rate-Limit", Integer.toString(decision.limit()));
            exchange.getResponseHeaders().add("X-Rate-Limit-Remaining", Integer.toString(decision.remaining()));
            status = reply.status();
            log.add(new LoggedRequest(method, pathAndQuery, time, status, authorization != null));
            write(exchange, reply);
        } catch (IOException | RuntimeException e) {
            log.add(new LoggedRequest(method, pathAndQuery, time, 0, authorization != null));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Router.Reply dispatch(String method, String rawPath, String rawQuery, byte[] body, String authorization,
                                  HttpExchange exchange) {
        try {
            String path = rawPath.endsWith(".json") ? rawPath.substring(0, rawPath.length() - 5) : rawPath;
            Query query = Query.parse(rawQuery);
            JsonNode json = parseBody(body, exchange.getRequestHeaders().getFirst("Content-Type"));
            if (method.equals("POST") && path.equals("/oauth/tokens")) {
                return Router.Reply.created(authenticator.grant(json));
            }
            String caller = authenticator.authenticate(authorization);
            Router.Match match = router.match(method, path);
            return match.handler().handle(new Router.Call(method, match.params(), query, json, caller, baseUrl()));
        } catch (ApiError e) {
            return new Router.Reply(e.status(), e.body());
        }
    }

    private JsonNode parseBody(byte[] body, String contentType) {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode form = JsonNodeFactory.instance.objectNode();
            Query.parse(text).values().forEach(form::put);
            return form;
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("InvalidJson", "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("InvalidJson", "the body is not valid JSON");
        }
    }

    private void write(HttpExchange exchange, Router.Reply reply) throws IOException {
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ObjectNode errorBody(String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("description", description);
        return body;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- views ----

    private SimulatedUser view(ObjectNode node) {
        long id = node.path("id").asLong();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                attributes.put(e.getKey(), scalar(e.getValue()));
            }
        }
        Map<String, Object> userFields = new LinkedHashMap<>();
        node.path("user_fields").fields().forEachRemaining(f -> {
            if (!f.getValue().isNull()) {
                userFields.put(f.getKey(), scalar(f.getValue()));
            }
        });
        List<String> emails = new ArrayList<>(tenant.emailsOf(id));
        return new SimulatedUser(id, node.path("name").asText(), UserDirectory.textOrNull(node.get("email")),
                UserDirectory.textOrNull(node.get("external_id")), node.path("role").asText(),
                node.path("custom_role_id").isNull() ? null : node.path("custom_role_id").asLong(),
                node.path("active").asBoolean(), node.path("suspended").asBoolean(), emails, attributes, userFields);
    }

    private static Object scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.asText();
    }

    private static SimulatedGroup group(ObjectNode node) {
        return new SimulatedGroup(node.path("id").asLong(), node.path("name").asText(),
                node.path("description").asText(""), node.path("deleted").asBoolean());
    }

    private static SimulatedMembership membership(ObjectNode node) {
        return new SimulatedMembership(node.path("id").asLong(), node.path("user_id").asLong(),
                node.path("group_id").asLong(), node.path("default").asBoolean());
    }
}
