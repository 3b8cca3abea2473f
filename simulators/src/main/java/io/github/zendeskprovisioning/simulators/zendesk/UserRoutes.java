package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.BooleanSupplier;

import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.job;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.many;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.one;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.withUrl;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.withUrls;
import static io.github.zendeskprovisioning.simulators.zendesk.Router.Reply;

/** {@code /api/v2/users...}: single and bulk writes, show_many, search, me. */
final class UserRoutes {
    private static final int SEARCH_LIMIT = 10_000;
    private static final String USERS = "users";

    private final ZendeskTenant tenant;
    private final BooleanSupplier bulkImportsEnabled;

    UserRoutes(ZendeskTenant tenant, BooleanSupplier bulkImportsEnabled) {
        this.tenant = tenant;
        this.bulkImportsEnabled = bulkImportsEnabled;
    }

    void register(Router router) {
        router.add("GET", "/api/v2/users", call -> {
            List<ObjectNode> users = tenant.users(false);
            String externalId = call.query().get("external_id");
            String role = call.query().get("role");
            List<ObjectNode> filtered = users.stream()
                    .filter(u -> externalId == null || externalId.equalsIgnoreCase(u.path("external_id").asText(null)))
                    .filter(u -> role == null || role.equals(u.path("role").asText()))
                    .toList();
            return Reply.ok(Paging.page(withUrls(new java.util.ArrayList<>(filtered), call.baseUrl(), USERS), USERS,
                    call.query(), call.baseUrl() + "/api/v2/users"));
        });
        router.add("POST", "/api/v2/users", call -> Reply.created(userBody(tenant.createUser(userOf(call)), call)));
        router.add("GET", "/api/v2/users/me", call -> Reply.ok(userBody(tenant.userByEmail(call.caller())
                .orElseThrow(ApiError::notFound), call)));
        router.add("GET", "/api/v2/users/show_many", this::showMany);
        router.add("GET", "/api/v2/users/search", this::search);
        router.add("POST", "/api/v2/users/create_many", call -> {
            requireBulkImports();
            return Reply.ok(job(tenant.createMany(usersOf(call, 100)), call.baseUrl()));
        });
        router.add("POST", "/api/v2/users/create_or_update", call -> {
            ZendeskTenant.Upsert upsert = tenant.createOrUpdate(userOf(call));
            ObjectNode body = userBody(upsert.user(), call);
            return upsert.created() ? Reply.created(body) : Reply.ok(body);
        });
        router.add("POST", "/api/v2/users/create_or_update_many", call -> {
            requireBulkImports();
            return Reply.ok(job(tenant.createOrUpdateMany(usersOf(call, 100)), call.baseUrl()));
        });
        router.add("PUT", "/api/v2/users/update_many", this::updateMany);
        router.add("DELETE", "/api/v2/users/destroy_many", call -> {
            List<Long> ids = call.query().has("external_ids")
                    ? tenant.idsOfExternalIds(call.query().list("external_ids"))
                    : call.query().longs("ids");
            if (ids.isEmpty() && !call.query().has("external_ids")) {
                throw ApiError.badRequest("InvalidValue", "ids or external_ids is required");
            }
            checkAtMost(ids.size(), 100, "ids");
            return Reply.ok(job(tenant.destroyMany(ids), call.baseUrl()));
        });
        router.add("GET", "/api/v2/users/{id}", call -> Reply.ok(userBody(tenant.user(call.id(0))
                .orElseThrow(ApiError::notFound), call)));
        router.add("PUT", "/api/v2/users/{id}", call -> Reply.ok(userBody(tenant.updateUser(call.id(0), userOf(call)), call)));
        router.add("DELETE", "/api/v2/users/{id}", call -> Reply.ok(userBody(tenant.deleteUser(call.id(0)), call)));
    }

    private Reply showMany(Router.Call call) {
        boolean includeDeleted = call.query().flag("include_deleted");
        List<ObjectNode> users;
        if (call.query().has("ids")) {
            List<Long> ids = call.query().longs("ids");
            checkAtMost(ids.size(), 100, "ids");
            users = tenant.usersByIds(ids, includeDeleted);
        } else if (call.query().has("external_ids")) {
            List<String> externalIds = call.query().list("external_ids");
            checkAtMost(externalIds.size(), 100, "external_ids");
            users = tenant.usersByExternalIds(externalIds, includeDeleted);
        } else {
            throw ApiError.badRequest("InvalidValue", "ids or external_ids is required");
        }
        return Reply.ok(many(USERS, withUrls(new java.util.ArrayList<>(users), call.baseUrl(), USERS)));
    }

    private Reply search(Router.Call call) {
        if (call.query().cursorRequested()) {
            throw ApiError.badRequest("InvalidPaginationParameter", "search supports offset pagination only");
        }
        List<ObjectNode> found;
        if (call.query().has("external_id")) {
            found = tenant.usersByExternalIds(List.of(call.query().get("external_id")), false);
        } else if (call.query().has("query")) {
            found = tenant.searchUsers(call.query().get("query"));
        } else {
            throw ApiError.badRequest("InvalidValue", "query or external_id is required");
        }
        return Reply.ok(Paging.offset(withUrls(new java.util.ArrayList<>(found), call.baseUrl(), USERS), USERS,
                call.query(), call.baseUrl() + "/api/v2/users/search", SEARCH_LIMIT));
    }

    private Reply updateMany(Router.Call call) {
        requireBulkImports();
        JsonNode body = call.body();
        if (body.has("users")) {
            ArrayNode users = usersOf(call, Integer.MAX_VALUE);
            return Reply.ok(job(tenant.updateManyEach(users), call.baseUrl()));
        }
        List<Long> ids = call.query().has("external_ids")
                ? tenant.idsOfExternalIds(call.query().list("external_ids"))
                : call.query().longs("ids");
        if (ids.isEmpty() && !call.query().has("external_ids")) {
            throw ApiError.badRequest("InvalidValue", "ids or external_ids is required with a single user body");
        }
        return Reply.ok(job(tenant.updateManySame(ids, userOf(call)), call.baseUrl()));
    }

    private void requireBulkImports() {
        if (!bulkImportsEnabled.getAsBoolean()) {
            throw ApiError.bulkImportsOff();
        }
    }

    private static ObjectNode userBody(ObjectNode user, Router.Call call) {
        return one("user", withUrl(user, call.baseUrl(), USERS));
    }

    private static JsonNode userOf(Router.Call call) {
        JsonNode user = call.body().get("user");
        if (user == null || !user.isObject()) {
            throw ApiError.badRequest("InvalidValue", "the body needs a user object");
        }
        return user;
    }

    private static ArrayNode usersOf(Router.Call call, int max) {
        JsonNode users = call.body().get("users");
        if (users == null || !users.isArray()) {
            throw ApiError.badRequest("InvalidValue", "the body needs a users array");
        }
        checkAtMost(users.size(), max, "users");
        return (ArrayNode) users;
    }

    private static void checkAtMost(int size, int max, String what) {
        if (size > max) {
            throw ApiError.badRequest("TooManyValues", what + ": at most " + max + " per request");
        }
    }
}
