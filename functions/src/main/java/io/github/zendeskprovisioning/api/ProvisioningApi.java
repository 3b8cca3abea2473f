package io.github.zendeskprovisioning.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.zendeskprovisioning.engine.ConnectionTest;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.OnDemandProvisioning;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.reports.CycleReport;
import io.github.zendeskprovisioning.reports.Json;
import io.github.zendeskprovisioning.reports.LogReport;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP endpoints of CONTRACT.md, the same for the Function App's HTTP triggers and for {@code serve}:
 * JSON in and out, 400 with a named problem for bad input, never a stack trace in a response.
 */
public final class ProvisioningApi {
    private static final Logger LOG = Logger.getLogger(ProvisioningApi.class.getName());
    public static final Set<String> ROUTES = Set.of("test-connection", "status", "logs", "sync", "provision", "restart",
            "approve-deletions", "pause", "resume");

    private final ProvisioningEngine engine;
    private final Supplier<ConnectionTest.Result> connectionTest;
    private final Json json = new Json();
    private final CycleReport cycles = new CycleReport();
    private final LogReport logs = new LogReport();

    public ProvisioningApi(ProvisioningEngine engine, Supplier<ConnectionTest.Result> connectionTest) {
        this.engine = engine;
        this.connectionTest = connectionTest;
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            String route = request.route() == null ? "" : request.route().replaceAll("^/+|/+$", "");
            if (!ROUTES.contains(route)) {
                return error(404, "UnknownRoute", "no endpoint /api/provisioning/" + route + " (one of " + String.join(", ", ROUTES.stream().sorted().toList()) + ")");
            }
            String method = request.method().toUpperCase(Locale.ROOT);
            boolean get = route.equals("status") || route.equals("logs");
            if (get ? !method.equals("GET") : !method.equals("POST")) {
                return error(405, "MethodNotAllowed", route + " takes " + (get ? "GET" : "POST"));
            }
            return switch (route) {
                case "test-connection" -> testConnection();
                case "status" -> ok(cycles.statusJson(engine.status()));
                case "logs" -> logs(request.query());
                case "sync" -> sync(request.query(), body(request));
                case "provision" -> provision(body(request));
                case "restart" -> restart(body(request));
                case "approve-deletions" -> ok(Map.of("deletionsApproved", engine.approveDeletions().deletionsApproved(),
                        "message", "the next cycle will make the suspensions and deletions the guard held"));
                case "pause" -> ok(Map.of("paused", engine.pause().paused(), "message", "timer cycles are paused"));
                case "resume" -> ok(Map.of("paused", engine.resume().paused(), "message", "timer cycles resume"));
                default -> error(404, "UnknownRoute", route);
            };
        } catch (BadRequestException e) {
            return error(400, e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, "BadRequest", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "provisioning endpoint failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return error(500, "InternalError", "the request failed (" + e.getClass().getSimpleName() + "); see the function logs");
        }
    }

    private ApiResponse testConnection() {
        ConnectionTest.Result r = connectionTest.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", r.ok());
        body.put("checks", r.checks());
        return ok(body);
    }

    private ApiResponse logs(Map<String, String> q) {
        int top = intParam(q, "top", 100, 1, 1000);
        LogQuery query = new LogQuery(blank(q.get("cycleId")), blank(q.get("objectId")),
                q.get("status") == null ? null : parse(() -> ProvisioningStatus.fromLabel(q.get("status")), "InvalidStatus"),
                q.get("action") == null ? null : parse(() -> ProvisioningAction.fromLabel(q.get("action")), "InvalidAction"));
        LogPage page = engine.logs(query, top, blank(q.get("continuationToken")));
        String format = q.getOrDefault("format", "json");
        if (format.equalsIgnoreCase("csv")) {
            return new ApiResponse(200, "text/csv; charset=utf-8", logs.csv(page.entries(), true));
        }
        if (!format.equalsIgnoreCase("json")) throw new BadRequestException("InvalidFormat", "format must be json or csv, not '" + format + "'");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", logs.json(page.entries()));
        body.put("continuationToken", page.continuationToken());
        return ok(body);
    }

    private ApiResponse sync(Map<String, String> q, JsonNode body) {
        String mode = q.getOrDefault("mode", body.path("mode").asText("incremental"));
        if (!mode.equals("initial") && !mode.equals("incremental")) {
            throw new BadRequestException("InvalidMode", "mode must be initial or incremental, not '" + mode + "'");
        }
        String dry = q.getOrDefault("dryRun", body.path("dryRun").asText("false"));
        if (!dry.equalsIgnoreCase("true") && !dry.equalsIgnoreCase("false")) {
            throw new BadRequestException("InvalidDryRun", "dryRun must be true or false, not '" + dry + "'");
        }
        ProvisioningEngine.StartResult started = engine.startCycle(mode.equals("initial"), Boolean.parseBoolean(dry), "http");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", started.outcome().name().toLowerCase(Locale.ROOT));
        result.put("message", started.message());
        if (started.cycle() != null) result.put("cycle", cycles.json(started.cycle()));
        int status = switch (started.outcome()) {
            case STARTED -> 202;
            case ALREADY_RUNNING, QUARANTINED, PAUSED -> 409;
        };
        return ApiResponse.json(status, json.write(result));
    }

    private ApiResponse provision(JsonNode body) {
        String objectId = body.path("objectId").asText("");
        if (objectId.isBlank()) throw new BadRequestException("MissingObjectId", "the body must be {\"objectId\": \"<Entra user or group id>\"}");
        OnDemandProvisioning.Result r;
        try {
            r = engine.provision(objectId);
        } catch (IllegalArgumentException e) {
            return error(404, "ObjectNotFound", e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cycleId", r.cycleId());
        result.put("objectKind", r.objectKind());
        result.put("failed", r.failed());
        result.put("entries", logs.json(r.entries()));
        return ok(result);
    }

    private ApiResponse restart(JsonNode body) {
        Set<ProvisioningEngine.RestartScope> scopes = EnumSet.noneOf(ProvisioningEngine.RestartScope.class);
        JsonNode list = body.path("scope");
        if (list.isMissingNode() || list.isNull()) {
            scopes.add(ProvisioningEngine.RestartScope.WATERMARK);
        } else if (list.isArray()) {
            for (JsonNode n : list) scopes.add(parse(() -> ProvisioningEngine.RestartScope.parse(n.asText()), "InvalidScope"));
        } else if (list.isTextual()) {
            for (String s : list.asText().split(",")) scopes.add(parse(() -> ProvisioningEngine.RestartScope.parse(s), "InvalidScope"));
        } else {
            throw new BadRequestException("InvalidScope", "scope must be a list such as [\"watermark\", \"escrows\"]");
        }
        var job = engine.restart(scopes);
        return ok(Map.of("restarted", scopes.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                "nextCycle", job.watermark().exists() ? "incremental" : "initial"));
    }

    private JsonNode body(ApiRequest request) {
        if (request.body().isBlank()) return json.mapper().createObjectNode();
        try {
            JsonNode node = json.mapper().readTree(request.body());
            if (node == null || !node.isObject()) throw new BadRequestException("InvalidBody", "the body must be a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("InvalidJson", "the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static <T> T parse(Supplier<T> parser, String code) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(code, e.getMessage());
        }
    }

    private static int intParam(Map<String, String> q, String name, int fallback, int min, int max) {
        String v = q.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException("Invalid" + Character.toUpperCase(name.charAt(0)) + name.substring(1),
                    name + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private ApiResponse ok(Object body) {
        return ApiResponse.json(200, json.write(body));
    }

    private ApiResponse error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return ApiResponse.json(status, json.write(body));
    }
}
