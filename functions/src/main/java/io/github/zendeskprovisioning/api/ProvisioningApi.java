package io.github.zendeskprovisioning.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.zendeskprovisioning.engine.ConnectionTest;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.OnDemandProvisioning;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Requester;
import io.github.zendeskprovisioning.reports.CycleReport;
import io.github.zendeskprovisioning.reports.Json;
import io.github.zendeskprovisioning.reports.LogReport;

import java.nio.charset.StandardCharsets;
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
            "approve-deletions", "pause", "resume", "preview");

    private final ProvisioningEngine engine;
    private final Supplier<ConnectionTest.Result> connectionTest;
    private final Json json = new Json();
    private final CycleReport cycles = new CycleReport();
    private final LogReport logs = new LogReport();
    private final Requester keyHolder;

    /** On the Function App: a request without a signed-in principal came with the function key. */
    public ProvisioningApi(ProvisioningEngine engine, Supplier<ConnectionTest.Result> connectionTest) {
        this(engine, connectionTest, Requester.functionKey());
    }

    /** {@code keyHolder}: who a request is logged as when no principal signed in (the key it needed, never its value). */
    public ProvisioningApi(ProvisioningEngine engine, Supplier<ConnectionTest.Result> connectionTest, Requester keyHolder) {
        this.engine = engine;
        this.connectionTest = connectionTest;
        this.keyHolder = keyHolder;
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            if (tooLarge(request.body())) return ApiRequest.bodyTooLarge();
            String route = request.route() == null ? "" : request.route().replaceAll("^/+|/+$", "");
            if (!ROUTES.contains(route)) {
                return error(404, "UnknownRoute", "no endpoint " + Quoted.value("/api/provisioning/" + route)
                        + " (one of " + String.join(", ", ROUTES.stream().sorted().toList()) + ")");
            }
            String method = request.method().toUpperCase(Locale.ROOT);
            boolean get = route.equals("status") || route.equals("logs") || route.equals("preview");
            if (get ? !method.equals("GET") : !method.equals("POST")) {
                return error(405, "MethodNotAllowed", route + " takes " + (get ? "GET" : "POST"));
            }
            Requester by = request.principal() == null ? keyHolder : Requester.principal(request.principal());
            return switch (route) {
                case "test-connection" -> testConnection();
                case "status" -> ok(cycles.statusJson(engine.status()));
                case "logs" -> logs(request.query());
                case "sync" -> sync(request.query(), body(request), by);
                case "provision" -> provision(body(request), by);
                case "preview" -> preview(request.query());
                case "restart" -> restart(body(request), by);
                case "approve-deletions" -> approveDeletions(by);
                case "pause" -> ok(Map.of("paused", engine.pause(by).paused(), "message", "timer cycles are paused"));
                case "resume" -> ok(Map.of("paused", engine.resume(by).paused(), "message", "timer cycles resume"));
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

    private ApiResponse approveDeletions(Requester by) {
        JobState after = engine.approveDeletions(by);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deletionsApproved", after.deletionsApproved());
        body.put("heldCycleId", after.heldCycleId());
        body.put("heldCount", after.heldCount());
        body.put("message", after.heldCycleId() == null ? "no cycle holds removals now: nothing to release"
                : "the next cycle will make exactly the " + after.heldCount() + " suspensions and deletions held by cycle "
                + after.heldCycleId() + " (those still due); other removals count against the threshold as usual");
        return ok(body);
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
        String format = q.getOrDefault("format", "json");
        if (!format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
            throw new BadRequestException("InvalidFormat", Inputs.invalid("format", format, "must be json or csv"));
        }
        String objectId = blank(q.get("objectId"));
        if (objectId != null && !Inputs.isObjectId(objectId)) {
            throw new BadRequestException("InvalidObjectId", Inputs.notObjectId("objectId", objectId));
        }
        LogQuery query = new LogQuery(blank(q.get("cycleId")), objectId,
                q.get("status") == null ? null : parse(() -> ProvisioningStatus.fromLabel(q.get("status").trim()), "InvalidStatus",
                        "status", q.get("status"), "is not one of Success, Failure, Skipped, Warning"),
                q.get("action") == null ? null : parse(() -> ProvisioningAction.fromLabel(q.get("action").trim()), "InvalidAction",
                        "action", q.get("action"), "is not one of Create, Update, Disable, Enable, Delete, Skip, StagedDelete, OperatorAction"));
        String token = blank(q.get("continuationToken"));
        LogPage page;
        try {
            page = engine.logs(query, top, token);
        } catch (IllegalArgumentException e) {
            if (token == null) throw e;
            throw new BadRequestException("InvalidContinuationToken", Inputs.invalid("continuationToken", token,
                    "is not one this endpoint handed out for these filters (query again without it)"));
        }
        if (format.equalsIgnoreCase("csv")) {
            return new ApiResponse(200, "text/csv; charset=utf-8", logs.csv(page.entries(), true));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", logs.json(page.entries()));
        body.put("continuationToken", page.continuationToken());
        return ok(body);
    }

    private ApiResponse sync(Map<String, String> q, JsonNode body, Requester by) {
        String mode = q.getOrDefault("mode", body.path("mode").asText("incremental"));
        if (!mode.equals("initial") && !mode.equals("incremental")) {
            throw new BadRequestException("InvalidMode", Inputs.invalid("mode", mode, "must be initial or incremental"));
        }
        String dry = q.getOrDefault("dryRun", body.path("dryRun").asText("false"));
        if (!dry.equalsIgnoreCase("true") && !dry.equalsIgnoreCase("false")) {
            throw new BadRequestException("InvalidDryRun", Inputs.invalid("dryRun", dry, "must be true or false"));
        }
        ProvisioningEngine.StartResult started = engine.startCycle(mode.equals("initial"), Boolean.parseBoolean(dry), "http", "http", by);
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

    private ApiResponse provision(JsonNode body, Requester by) {
        JsonNode given = body.path("objectId");
        if (given.isMissingNode() || given.isNull() || given.isTextual() && given.asText().isBlank()) {
            throw new BadRequestException("MissingObjectId", "objectId is missing: the body must be {\"objectId\": \"<Entra user or group id>\"}");
        }
        if (!given.isTextual()) {
            throw new BadRequestException("InvalidObjectId", Inputs.invalid("objectId", given.toString(), "must be a string (an Entra object id)"));
        }
        String objectId = given.asText().trim();
        if (!Inputs.isObjectId(objectId)) throw new BadRequestException("InvalidObjectId", Inputs.notObjectId("objectId", objectId));
        String runId = runId(body.path("runId"));
        OnDemandProvisioning.Result r;
        try {
            r = engine.provision(objectId, runId, by, OnDemandProvisioning.Listener.NONE);
        } catch (OnDemandProvisioning.RunIdInUseException e) {
            return error(409, "RunIdInUse", e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(404, "ObjectNotFound", e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cycleId", r.cycleId());
        result.put("objectKind", r.objectKind());
        result.put("failed", r.failed());
        result.put("steps", r.steps().stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.name());
            step.put("outcome", s.outcome());
            step.put("detail", s.detail());
            return step;
        }).toList());
        result.put("entries", logs.json(r.entries()));
        return ok(result);
    }

    /**
     * Optional: an id the caller made for this run, so it can read the run's steps from GET logs
     * ({@code cycleId=ondemand-<runId>}) while the request is still running.
     */
    private static String runId(JsonNode given) {
        if (given.isMissingNode() || given.isNull()) return null;
        String text = given.isTextual() ? given.asText().trim() : given.toString();
        if (!given.isTextual() || !OnDemandProvisioning.isRunId(text)) {
            throw new BadRequestException("InvalidRunId", Inputs.invalid("runId", text,
                    "must be 8 to 64 letters, digits and dashes (e.g. a UUID the client made)"));
        }
        return text;
    }

    /** What a cycle would do with one user; reads only, writes nothing anywhere. */
    private ApiResponse preview(Map<String, String> q) {
        String objectId = blank(q.get("objectId"));
        if (objectId == null) {
            throw new BadRequestException("MissingObjectId", "objectId is missing: GET /api/provisioning/preview?objectId=<Entra user id>");
        }
        if (!Inputs.isObjectId(objectId)) throw new BadRequestException("InvalidObjectId", Inputs.notObjectId("objectId", objectId));
        try {
            return ok(engine.preview(objectId));
        } catch (IllegalArgumentException e) {
            return error(404, "ObjectNotFound", e.getMessage());
        }
    }

    private ApiResponse restart(JsonNode body, Requester by) {
        Set<ProvisioningEngine.RestartScope> scopes = EnumSet.noneOf(ProvisioningEngine.RestartScope.class);
        JsonNode list = body.path("scope");
        if (list.isMissingNode() || list.isNull()) {
            scopes.add(ProvisioningEngine.RestartScope.WATERMARK);
        } else if (list.isArray()) {
            for (JsonNode n : list) scopes.add(scope(n.isTextual() ? n.asText() : n.toString()));
        } else if (list.isTextual()) {
            for (String s : list.asText().split(",")) scopes.add(scope(s));
        } else {
            throw new BadRequestException("InvalidScope", Inputs.invalid("scope", list.toString(),
                    "must be a list such as [\"watermark\", \"escrows\"]"));
        }
        var job = engine.restart(scopes, by);
        return ok(Map.of("restarted", scopes.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                "nextCycle", job.watermark().exists() ? "incremental" : "initial"));
    }

    private JsonNode body(ApiRequest request) {
        if (request.body().isBlank()) return json.mapper().createObjectNode();
        try {
            JsonNode node = json.mapper().readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new BadRequestException("InvalidBody", Inputs.invalid("the body", request.body().strip(), "is not a JSON object"));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("InvalidJson", "the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static ProvisioningEngine.RestartScope scope(String value) {
        return parse(() -> ProvisioningEngine.RestartScope.parse(value), "InvalidScope",
                "scope", value, "is not one of watermark, escrows, quarantine, full");
    }

    private static <T> T parse(Supplier<T> parser, String code, String parameter, String value, String problem) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(code, Inputs.invalid(parameter, value, problem));
        }
    }

    /** Bytes of UTF-8 are never fewer than chars, so only a short-enough body needs counting. */
    private static boolean tooLarge(String body) {
        return body.length() > ApiRequest.MAX_BODY_BYTES
                || body.getBytes(StandardCharsets.UTF_8).length > ApiRequest.MAX_BODY_BYTES;
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
                    Inputs.invalid(name, v, "must be a whole number from " + min + " to " + max));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private ApiResponse ok(Object body) {
        return ApiResponse.json(200, json.write(body));
    }

    private static ApiResponse error(int status, String code, String message) {
        return ApiResponse.error(status, code, message);
    }
}
