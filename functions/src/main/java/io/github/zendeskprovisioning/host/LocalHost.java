package io.github.zendeskprovisioning.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.zendeskprovisioning.api.ApiRequest;
import io.github.zendeskprovisioning.api.ApiResponse;
import io.github.zendeskprovisioning.api.ConsoleAssets;
import io.github.zendeskprovisioning.api.DirectorySearch;
import io.github.zendeskprovisioning.api.DirectorySearchApi;
import io.github.zendeskprovisioning.api.ProvisioningApi;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.state.Requester;
import io.github.zendeskprovisioning.triggers.LogPruning;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code serve}: what {@code func start} would run, in one process: the HTTP endpoints under
 * /api/provisioning/, the timer on SYNC_SCHEDULE, and the queue workers, which move a message that failed
 * {@code maxDequeueCount} times to {@code <queue>-poison} as the Functions host does (host.json's values), and the
 * operator console's files under /api/provisioning/console/.
 */
public final class LocalHost implements AutoCloseable {
    static final int MAX_DEQUEUE_COUNT = 5;
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** host.json's queue batchSize: messages one instance handles side by side. */
    static final int WORKERS = 4;
    private static final String PREFIX = "/api/provisioning/";

    private static final String CONSOLE = "/api/provisioning/console";

    private final Product product;
    private final HttpServer http;
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
    private final java.util.concurrent.ExecutorService requests = Executors.newFixedThreadPool(4);
    private final Consumer<String> out;
    private final Schedule schedule;
    private volatile boolean running = true;

    /** Every request needs {@code key} (see {@link RequestGuard}); nothing here ever logs it. */
    public LocalHost(Product product, int port, boolean timer, ServeKey key, Consumer<String> out) throws IOException {
        this.product = product;
        this.out = out;
        this.schedule = timer ? new Schedule(product.settings().schedule()) : null;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        ProvisioningApi api = new ProvisioningApi(product.engine(), product::testConnection, Requester.serveKey());
        RequestGuard guard = new RequestGuard(key, http.getAddress().getPort());
        DirectorySearch directory = Wiring.directorySearch(product.settings());
        DirectorySearchApi search = new DirectorySearchApi(() -> directory);
        Function<ApiRequest, ApiResponse> routes = request ->
                request.route().replaceAll("/+$", "").equals(DirectorySearchApi.ROUTE) ? search.handle(request) : api.handle(request);
        http.createContext("/", exchange -> serve(routes, guard, exchange));
        ConsoleAssets console = new ConsoleAssets();
        http.createContext(CONSOLE, exchange -> serveConsole(console, guard, exchange));
        http.setExecutor(requests);
    }

    public LocalHost start() {
        http.start();
        CycleRunner runner = new CycleRunner(product.engine(), VISIBILITY_TIMEOUT, MAX_DEQUEUE_COUNT, WORKERS, out);
        background.submit(() -> work(runner));
        if (schedule != null) scheduleNext();
        return this;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + PREFIX;
    }

    private void work(CycleRunner runner) {
        while (running) {
            try {
                if (runner.pumpOnce() == 0) Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                out.accept("queue worker: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void scheduleNext() {
        Duration wait = schedule.untilNext(ZonedDateTime.now(ZoneOffset.UTC));
        background.schedule(() -> {
            try {
                ProvisioningEngine.StartResult r = product.engine().startCycle(false, false, "timer");
                out.accept("timer (" + schedule.expression() + "): " + r.message());
                out.accept("timer: " + LogPruning.pruneOnce(product));
            } catch (RuntimeException e) {
                out.accept("timer: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                if (running) scheduleNext();
            }
        }, Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static void serve(Function<ApiRequest, ApiResponse> api, RequestGuard guard, HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query;
            try {
                query = query(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                respond(exchange, ApiResponse.error(400, "InvalidQuery", "the query string is not URL-encoded text"), true);
                return;
            }
            Optional<ApiResponse> refused = guard.refusal(exchange.getRequestMethod(), exchange.getRequestHeaders(), query);
            if (refused.isPresent()) {
                respond(exchange, refused.get(), true);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(PREFIX)) {
                respond(exchange, ApiResponse.error(404, "UnknownRoute", "serve answers only under " + PREFIX), false);
                return;
            }
            Optional<String> body = body(exchange);
            if (body.isEmpty()) {
                respond(exchange, ApiRequest.bodyTooLarge(), true);
                return;
            }
            query.remove(RequestGuard.KEY_QUERY);
            respond(exchange, api.apply(new ApiRequest(exchange.getRequestMethod(), path.substring(PREFIX.length()), query, body.get())), false);
        }
    }

    /**
     * The body, or empty when it is over {@link ApiRequest#MAX_BODY_BYTES}: a declared length over the limit
     * is refused before reading anything, and an undeclared (chunked) one is read only to one byte past it.
     */
    private static Optional<String> body(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > ApiRequest.MAX_BODY_BYTES) return Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        byte[] bytes = exchange.getRequestBody().readNBytes(ApiRequest.MAX_BODY_BYTES + 1);
        if (bytes.length > ApiRequest.MAX_BODY_BYTES) return Optional.empty();
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** {@code close}: the connection is not reused after a refusal, whose body (if any) was not read. */
    private static void respond(HttpExchange exchange, ApiResponse response, boolean close) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        if (close) exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    /**
     * The console's files need no key (a page cannot send one for its own script and style, and they hold no
     * data), but the Host and Origin checks still apply; every data call the page makes sends the key.
     */
    private static void serveConsole(ConsoleAssets console, RequestGuard guard, HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<ApiResponse> foreign = guard.foreign(exchange.getRequestHeaders());
            if (foreign.isPresent()) {
                respond(exchange, foreign.get(), true);
                return;
            }
            String rest = exchange.getRequestURI().getPath().substring(CONSOLE.length());
            ConsoleAssets.Reply reply = rest.isEmpty() ? console.get(exchange.getRequestMethod(), null, null)
                    : rest.startsWith("/") ? console.get(exchange.getRequestMethod(), rest.substring(1), exchange.getRequestHeaders().getFirst("If-None-Match"))
                    : console.get("GET", rest, null);
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = reply.body();
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        http.stop(0);
        requests.shutdownNow();
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
