package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.job;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.one;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.withUrl;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.withUrls;
import static io.github.zendeskprovisioning.simulators.zendesk.Router.Reply;

/** {@code /api/v2/groups...} and {@code /api/v2/group_memberships...}. */
final class GroupRoutes {
    private static final String GROUPS = "groups";
    private static final String MEMBERSHIPS = "group_memberships";

    private final ZendeskTenant tenant;

    GroupRoutes(ZendeskTenant tenant) {
        this.tenant = tenant;
    }

    void register(Router router) {
        router.add("GET", "/api/v2/groups", call -> Reply.ok(Paging.page(
                withUrls(new ArrayList<>(tenant.groups(call.query().flag("exclude_deleted"))), call.baseUrl(), GROUPS),
                GROUPS, call.query(), call.baseUrl() + "/api/v2/groups")));
        router.add("POST", "/api/v2/groups", call -> Reply.created(
                one("group", withUrl(tenant.createGroup(object(call, "group")), call.baseUrl(), GROUPS))));
        router.add("GET", "/api/v2/groups/{id}", call -> Reply.ok(
                one("group", withUrl(tenant.group(call.id(0)).orElseThrow(ApiError::notFound), call.baseUrl(), GROUPS))));
        router.add("PUT", "/api/v2/groups/{id}", call -> Reply.ok(
                one("group", withUrl(tenant.updateGroup(call.id(0), object(call, "group")), call.baseUrl(), GROUPS))));
        router.add("DELETE", "/api/v2/groups/{id}", call -> {
            tenant.deleteGroup(call.id(0));
            return Reply.noContent();
        });
        router.add("GET", "/api/v2/groups/{id}/memberships", call -> memberships(call,
                tenant.membershipsOfGroup(call.id(0)), "/api/v2/groups/" + call.id(0) + "/memberships"));
        router.add("GET", "/api/v2/users/{id}/group_memberships", call -> memberships(call,
                tenant.membershipsOfUser(call.id(0)), "/api/v2/users/" + call.id(0) + "/group_memberships"));
        router.add("GET", "/api/v2/group_memberships", call -> memberships(call, tenant.allMemberships(),
                "/api/v2/group_memberships"));
        router.add("POST", "/api/v2/group_memberships", call -> Reply.created(one("group_membership",
                withUrl(tenant.createMembership(object(call, "group_membership")), call.baseUrl(), MEMBERSHIPS))));
        router.add("GET", "/api/v2/group_memberships/{id}", call -> Reply.ok(one("group_membership",
                withUrl(tenant.membership(call.id(0)).orElseThrow(ApiError::notFound), call.baseUrl(), MEMBERSHIPS))));
        router.add("DELETE", "/api/v2/group_memberships/{id}", call -> {
            tenant.deleteMembership(call.id(0));
            return Reply.noContent();
        });
        router.add("POST", "/api/v2/group_memberships/create_many", call -> {
            JsonNode items = call.body().get("group_memberships");
            if (items == null || !items.isArray()) {
                throw ApiError.badRequest("InvalidValue", "the body needs a group_memberships array");
            }
            if (items.size() > 100) {
                throw ApiError.badRequest("TooManyValues", "group_memberships: at most 100 per request");
            }
            return Reply.ok(job(tenant.createMemberships((ArrayNode) items), call.baseUrl()));
        });
        router.add("DELETE", "/api/v2/group_memberships/destroy_many", call -> {
            List<Long> ids = call.query().longs("ids");
            if (ids.isEmpty() || ids.size() > 100) {
                throw ApiError.badRequest("InvalidValue", "ids: between 1 and 100 membership ids");
            }
            return Reply.ok(job(tenant.destroyMemberships(ids), call.baseUrl()));
        });
    }

    private static Reply memberships(Router.Call call, List<ObjectNode> memberships, String path) {
        return Reply.ok(Paging.page(withUrls(new ArrayList<>(memberships), call.baseUrl(), MEMBERSHIPS),
                MEMBERSHIPS, call.query(), call.baseUrl() + path));
    }

    private static JsonNode object(Router.Call call, String key) {
        JsonNode node = call.body().get(key);
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("InvalidValue", "the body needs a " + key + " object");
        }
        return node;
    }
}
