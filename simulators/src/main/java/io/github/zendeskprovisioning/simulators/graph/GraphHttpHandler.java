package io.github.zendeskprovisioning.simulators.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP face of the simulator: checks the bearer token, applies the fault plan, answers GETs through
 * {@link GraphApi} and {@code POST /$batch} step by step, and writes Graph's JSON and error envelopes.
 */
final class GraphHttpHandler implements HttpHandler {
    static final String JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    private static final int MAX_BATCH = 20;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final GraphApi api;
    private final FaultPlan faults;
    private final Supplier<AccessRules> access;
    private final Consumer<RecordedRequest> recorder;
    private final Supplier<Clock> clock;

    /** Which bearer token is accepted, and whether that identity lacks permissions (403 for everything). */
    record AccessRules(String acceptedToken, boolean permissionsDenied) {
        @Override
        public String toString() {
            return "AccessRules[acceptedToken=redacted, permissionsDenied=" + permissionsDenied + "]";
        }
    }

    GraphHttpHandler(ObjectMapper mapper, GraphApi api, FaultPlan faults, Supplier<AccessRules> access,
                     Consumer<RecordedRequest> recorder, Supplier<Clock> clock) {
        this.clock = clock;
        this.mapper = mapper;
        this.api = api;
        this.faults = faults;
        this.access = access;
        this.recorder = recorder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String method = exchange.getRequestMethod();
        Instant time = clock.get().instant();
        if (faults.dropConnection(target)) {
            recorder.accept(new RecordedRequest(method, target, 0, false, time));
            exchange.close(); // before any header: the client sees the connection end without an answer
            return;
        }
        GraphResponse response;
        try {
            pause(faults.latency());
            pause(faults.slowness(target));
            response = answer(exchange, method, uri);
        } catch (GraphError e) {
            response = errorResponse(e);
        } catch (RuntimeException e) {
            response = errorResponse(new GraphError(500, "generalException", "An unexpected error occurred."));
        }
        recorder.accept(new RecordedRequest(method, target, response.status(), false, time));
        write(exchange, response);
    }

    private GraphResponse answer(HttpExchange exchange, String method, URI uri) throws IOException {
        String path = uri.getPath();
        if (!path.startsWith("/v1.0/")) {
            throw new GraphError(400, "BadRequest", "Invalid version: " + firstSegment(path));
        }
        checkAccess(exchange.getRequestHeaders().getFirst("Authorization"));
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Optional<GraphError> fault = faults.nextFault(target);
        if (fault.isPresent()) throw fault.get();
        String resource = path.substring("/v1.0".length());
        if (resource.equals("/$batch")) {
            if (!method.equals("POST")) throw new GraphError(405, "BadRequest", "The $batch endpoint accepts POST only.");
            return batch(exchange.getRequestBody().readAllBytes());
        }
        if (!method.equals("GET")) {
            throw new GraphError(405, "Request_BadRequest", "The simulator serves reads only; " + method + " is not supported.");
        }
        GraphResponse response = api.get(resource, uri.getRawQuery(), headers(exchange));
        if (response.body() instanceof ObjectNode body && body.has("value") && faults.dropPagingLinks()) {
            body.remove("@odata.nextLink");
            body.remove("@odata.deltaLink");
        }
        return response;
    }

    private void checkAccess(String authorization) {
        AccessRules rules = access.get();
        if (authorization == null || authorization.isBlank()) {
            throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        if (!authorization.equals("Bearer " + rules.acceptedToken())) {
            throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }
        if (rules.permissionsDenied()) {
            throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }
    }

    private GraphResponse batch(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw GraphError.badRequest("Invalid JSON in the batch request body.");
        }
        JsonNode requests = root == null ? null : root.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw new GraphError(400, "BadRequest", "Invalid batch payload format: a non-empty 'requests' array is required.");
        }
        if (requests.size() > MAX_BATCH) {
            throw new GraphError(400, "BadRequest", "Number of batch requests exceeds the limit of " + MAX_BATCH + ".");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode step : requests) {
            String id = step.path("id").asText("");
            if (id.isEmpty() || !ids.add(id) || !step.hasNonNull("method") || !step.hasNonNull("url")) {
                throw new GraphError(400, "BadRequest", "Each batch request needs a unique 'id', a 'method' and a 'url'.");
            }
        }
        ObjectNode out = JSON.objectNode();
        ArrayNode responses = out.putArray("responses");
        for (JsonNode step : requests) {
            responses.add(batchStep(step));
        }
        return GraphResponse.ok(out);
    }

    private ObjectNode batchStep(JsonNode step) {
        String method = step.get("method").asText();
        String url = step.get("url").asText();
        String relative = url.startsWith("/") ? url : "/" + url;
        int q = relative.indexOf('?');
        String rawPath = q < 0 ? relative : relative.substring(0, q);
        String rawQuery = q < 0 ? null : relative.substring(q + 1);
        Map<String, String> headers = new HashMap<>();
        step.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        GraphResponse response;
        try {
            Optional<GraphError> fault = faults.nextBatchStepFault();
            if (fault.isPresent()) throw fault.get();
            if (!method.equalsIgnoreCase("GET")) {
                throw new GraphError(405, "Request_BadRequest", "The simulator serves reads only; " + method + " is not supported.");
            }
            response = api.get(URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8), rawQuery, headers);
        } catch (GraphError e) {
            response = errorResponse(e);
        } catch (RuntimeException e) {
            response = errorResponse(new GraphError(500, "generalException", "An unexpected error occurred."));
        }
        recorder.accept(new RecordedRequest(method, "/v1.0" + relative, response.status(), true, clock.get().instant()));
        ObjectNode answer = JSON.objectNode();
        answer.put("id", step.get("id").asText());
        answer.put("status", response.status());
        ObjectNode h = answer.putObject("headers");
        h.put("Content-Type", "application/json");
        response.headers().forEach(h::put);
        if (response.body() != null) answer.set("body", response.body());
        return answer;
    }

    private static GraphResponse errorResponse(GraphError e) {
        ObjectNode body = JSON.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        ObjectNode inner = error.putObject("innerError");
        String requestId = UUID.randomUUID().toString();
        inner.put("date", Instant.now().toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", requestId);
        return new GraphResponse(e.status(), e.headers(), body);
    }

    private void write(HttpExchange exchange, GraphResponse response) throws IOException {
        byte[] bytes = response.body() == null ? new byte[0] : mapper.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
        exchange.getResponseHeaders().set("request-id", UUID.randomUUID().toString());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v));
        });
        return headers;
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) return;
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstSegment(String path) {
        List<String> parts = List.of(path.split("/"));
        return parts.size() > 1 ? parts.get(1) : "";
    }
}
