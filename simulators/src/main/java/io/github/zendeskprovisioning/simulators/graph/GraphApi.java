package io.github.zendeskprovisioning.simulators.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of the simulated Graph: one GET (path below {@code /v1.0}, raw query, headers) becomes one
 * {@link GraphResponse}, or a {@link GraphError}. Used for plain requests and for each step of a {@code $batch}.
 */
final class GraphApi {
    static final int DEFAULT_PAGE = 100;
    /** Delta pages: the size a client asks for with {@code Prefer: odata.maxpagesize}, capped as Graph caps it. */
    static final int DELTA_DEFAULT_PAGE = 100;
    static final int DELTA_MAX_PAGE = 200;
    private static final List<String> GROUP_DELTA_DEFAULT_SELECT = List.of("displayName", "description", "groupTypes",
            "mailEnabled", "mailNickname", "securityEnabled", "members");
    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d+)");
    private static final Pattern DELTA = Pattern.compile("^/(users|groups)/(?:microsoft\\.graph\\.)?delta(?:\\(\\))?$");
    private static final Pattern ONE = Pattern.compile("^/(users|groups|servicePrincipals)/([^/]+)$");
    private static final Pattern MEMBERS = Pattern.compile("^/groups/([^/]+)/members$");
    private static final Pattern ONE_USER = Pattern.compile("^/users/[^/]+$");
    private static final Pattern ASSIGNED_TO = Pattern.compile("^/servicePrincipals/([^/]+)/appRoleAssignedTo$");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final GraphTenant tenant;
    private final Supplier<String> baseUrl;

    GraphApi(GraphTenant tenant, Supplier<String> baseUrl) {
        this.tenant = tenant;
        this.baseUrl = baseUrl;
    }

    GraphResponse get(String path, String rawQuery, Map<String, String> headers) {
        QueryOptions q = QueryOptions.parse(rawQuery);
        if (path.equals("/users")) {
            return list(path, rawQuery, "users" + selectSuffix(q), q,
                    after -> tenant.users(q.idFilter(), q.prefixFilter(), q.select(), q.expandManager(), after, q.pageSize(DEFAULT_PAGE)));
        }
        if (!ONE_USER.matcher(path).matches()) q.noExpand();
        if (path.equals("/groups")) {
            return list(path, rawQuery, "groups" + selectSuffix(q), q,
                    after -> tenant.groups(q.idFilter(), q.prefixFilter(), q.select(), after, q.pageSize(DEFAULT_PAGE)));
        }
        if (path.equals("/directory/deletedItems/microsoft.graph.user")) {
            noFilter(q);
            return list(path, rawQuery, "directory/deletedItems/microsoft.graph.user", q,
                    after -> tenant.deletedUsers(q.select(), after, q.pageSize(DEFAULT_PAGE)));
        }
        Matcher m = DELTA.matcher(path);
        if (m.matches()) return delta(m.group(1), q, headers);
        m = MEMBERS.matcher(path);
        if (m.matches()) {
            noFilter(q);
            String groupId = m.group(1);
            return list(path, rawQuery, "directoryObjects", q,
                    after -> tenant.members(groupId, q.select(), after, q.pageSize(DEFAULT_PAGE)));
        }
        m = ASSIGNED_TO.matcher(path);
        if (m.matches()) {
            noFilter(q);
            String spId = m.group(1);
            return list(path, rawQuery, "servicePrincipals('" + spId + "')/appRoleAssignedTo", q,
                    after -> tenant.assignments(spId, after, q.pageSize(DEFAULT_PAGE)));
        }
        m = ONE.matcher(path);
        if (m.matches()) return one(m.group(1), m.group(2), q);
        throw new GraphError(400, "BadRequest", "Resource not found for the segment '" + lastSegment(path) + "'.");
    }

    private GraphResponse one(String collection, String id, QueryOptions q) {
        if (q.filtered() || q.top() != null) {
            throw GraphError.badRequest("Query options $filter and $top are not allowed on a single object.");
        }
        var node = switch (collection) {
            case "users" -> tenant.user(id, q.select(), q.expandManager());
            case "groups" -> tenant.group(id, q.select());
            default -> tenant.servicePrincipalNode(id, q.select());
        };
        ObjectNode body = node.orElseThrow(() -> GraphError.notFound(id));
        ObjectNode out = JSON.objectNode();
        out.put("@odata.context", baseUrl.get() + "/$metadata#" + collection + selectSuffix(q) + "/$entity");
        out.setAll(body);
        return GraphResponse.ok(out);
    }

    private GraphResponse list(String path, String rawQuery, String context, QueryOptions q,
                               java.util.function.Function<String, GraphTenant.Slice> page) {
        String after = null;
        if (q.skipToken() != null) after = StateToken.decode(q.skipToken(), path).afterId();
        GraphTenant.Slice slice = page.apply(after);
        ObjectNode out = JSON.objectNode();
        out.put("@odata.context", baseUrl.get() + "/$metadata#" + context);
        ArrayNode value = out.putArray("value");
        slice.items().forEach(value::add);
        if (slice.continueAfter() != null) {
            String token = new StateToken(path, -1, 0, slice.continueAfter(), List.of()).encode();
            out.put("@odata.nextLink", baseUrl.get() + path + "?" + withoutSkipToken(rawQuery) + "$skiptoken=" + token);
        }
        return GraphResponse.ok(out);
    }

    private GraphResponse delta(String collection, QueryOptions q, Map<String, String> headers) {
        String tokenKind = collection + "/delta";
        if (q.filtered()) {
            throw GraphError.badRequest("The simulator's delta does not implement $filter.");
        }
        StateToken token;
        if (q.skipToken() != null) {
            token = StateToken.decode(q.skipToken(), tokenKind);
        } else if (q.deltaToken() != null) {
            StateToken issued = StateToken.decode(q.deltaToken(), tokenKind);
            // A delta token replays everything logged after it, up to what is logged now.
            token = new StateToken(tokenKind, issued.since(), tenant.currentSequence(), "", issued.select());
        } else {
            List<String> select = q.select();
            if (collection.equals("users")) {
                select = tenant.userSelect(select);
            } else if (select == null) {
                select = GROUP_DELTA_DEFAULT_SELECT;
            } else {
                GraphTenant.checkProperties(select, GraphTenant.GROUP_PROPERTIES, "group");
            }
            token = new StateToken(tokenKind, -1, tenant.currentSequence(), "", select);
        }
        int pageSize = pageSize(headers.get("prefer"));
        GraphTenant.Slice slice = collection.equals("users") ? tenant.userDelta(token, pageSize)
                : tenant.groupDelta(token, pageSize);
        ObjectNode out = JSON.objectNode();
        out.put("@odata.context", baseUrl.get() + "/$metadata#" + collection + "(" + String.join(",", token.select()) + ")");
        ArrayNode value = out.putArray("value");
        slice.items().forEach(value::add);
        String link = baseUrl.get() + "/" + collection + "/delta()?";
        if (slice.continueAfter() != null) {
            out.put("@odata.nextLink", link + "$skiptoken=" + token.after(slice.continueAfter()).encode());
        } else {
            StateToken next = new StateToken(tokenKind, token.ceiling(), -1, "", token.select());
            out.put("@odata.deltaLink", link + "$deltatoken=" + next.encode());
        }
        return GraphResponse.ok(out);
    }

    private static int pageSize(String prefer) {
        if (prefer == null) return DELTA_DEFAULT_PAGE;
        Matcher m = MAX_PAGE_SIZE.matcher(prefer);
        if (!m.find()) return DELTA_DEFAULT_PAGE;
        try {
            int asked = Integer.parseInt(m.group(1));
            return Math.max(1, Math.min(asked, DELTA_MAX_PAGE));
        } catch (NumberFormatException e) {
            return DELTA_MAX_PAGE;
        }
    }

    private static void noFilter(QueryOptions q) {
        if (q.filtered()) throw GraphError.badRequest("The simulator implements $filter on /users and /groups only.");
    }

    private static String selectSuffix(QueryOptions q) {
        return q.select() == null ? "" : "(" + String.join(",", q.select()) + ")";
    }

    private static String withoutSkipToken(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (pair.isEmpty() || name.equals("$skiptoken")) continue;
            kept.append(pair).append('&');
        }
        return kept.toString();
    }

    private static String lastSegment(String path) {
        String[] parts = path.split("/");
        return parts.length == 0 ? "" : URLEncoder.encode(parts[parts.length - 1], StandardCharsets.UTF_8);
    }
}
