package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of one simulated Zendesk account behind a single lock: users, groups, memberships, organizations,
 * custom roles and jobs. Bulk calls run item by item and report each item in the shapes of
 * {@code JobStatusResultObject}, chosen so that each matches exactly one branch of the spec's oneOf:
 * <ul>
 *   <li>created: {@code {id, index, status: "Created", success: true}} (CreateResourceResult)</li>
 *   <li>updated / deleted: {@code {id, action, status, success: true}} (UpdateResourceResult)</li>
 *   <li>failed: {@code {id, action, error, details, success: false}} (FailedResult), where {@code id}
 *       names the record the failure is about (the user holding a taken e-mail, the user a membership
 *       was for); a create failure that names no record carries {@code index} instead, which matches no
 *       branch (the spec's FailedResult requires an id such an item cannot have).</li>
 * </ul>
 * Results are listed in request order.
 */
final class ZendeskTenant {
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Clock clock;
    private final TreeMap<Long, ObjectNode> customRoles = new TreeMap<>();
    private final UserDirectory users;
    private final GroupDirectory groups;
    private final OrganizationDirectory organizations;
    private final JobBoard jobs;
    private long nextCustomRoleId = 40_001;

    record Upsert(ObjectNode user, boolean created) {
    }

    ZendeskTenant(Clock clock) {
        this.clock = clock;
        this.organizations = new OrganizationDirectory(clock);
        this.users = new UserDirectory(clock, customRoles::containsKey, organizations::exists);
        this.groups = new GroupDirectory(clock, users);
        this.jobs = new JobBoard(clock);
    }

    // ---- users ----

    synchronized ObjectNode createUser(JsonNode input) {
        return users.create(input);
    }

    synchronized ObjectNode updateUser(long id, JsonNode input) {
        ObjectNode updated = users.update(id, input);
        if (updated.path("role").asText().equals("end-user")) {
            groups.removeMembershipsOf(id);
        }
        return updated;
    }

    synchronized ObjectNode deleteUser(long id) {
        ObjectNode deleted = users.softDelete(id);
        groups.removeMembershipsOf(id);
        return deleted;
    }

    synchronized Optional<ObjectNode> user(long id) {
        return users.get(id);
    }

    synchronized List<ObjectNode> users(boolean includeDeleted) {
        return users.all(includeDeleted);
    }

    synchronized List<ObjectNode> usersByIds(List<Long> ids, boolean includeDeleted) {
        List<ObjectNode> out = new ArrayList<>();
        for (long id : ids) {
            users.get(id).filter(u -> includeDeleted || u.path("active").asBoolean()).ifPresent(out::add);
        }
        return out;
    }

    synchronized List<ObjectNode> usersByExternalIds(List<String> externalIds, boolean includeDeleted) {
        List<ObjectNode> out = new ArrayList<>();
        for (String externalId : externalIds) {
            users.byExternalId(externalId, includeDeleted).ifPresent(out::add);
        }
        return out;
    }

    synchronized List<String> emailsOf(long id) {
        return users.emailsOf(id);
    }

    synchronized Optional<ObjectNode> userByEmail(String email) {
        return users.byEmail(email);
    }

    synchronized List<ObjectNode> searchUsers(String query) {
        return users.search(query);
    }

    /** Matches by external id (case-insensitive, its stored case then follows the input), then by e-mail. */
    synchronized Upsert createOrUpdate(JsonNode input) {
        Optional<ObjectNode> existing = users.byExternalId(UserDirectory.textOrNull(input.get("external_id")), false)
                .or(() -> users.byEmail(UserDirectory.textOrNull(input.get("email"))));
        if (existing.isPresent()) {
            return new Upsert(updateUser(existing.get().path("id").asLong(), input), false);
        }
        return new Upsert(users.create(input), true);
    }

    synchronized ObjectNode createMany(ArrayNode inputs) {
        ArrayNode results = json.arrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            try {
                results.add(created(users.create(input).path("id").asLong(), i));
            } catch (ApiError e) {
                results.add(createFailure(input, i, e));
            }
        }
        return jobs.queue("Create Many Users", results);
    }

    synchronized ObjectNode createOrUpdateMany(ArrayNode inputs) {
        ArrayNode results = json.arrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            try {
                Upsert upsert = createOrUpdate(input);
                ObjectNode item = created(upsert.user().path("id").asLong(), i);
                item.put("status", upsert.created() ? "Created" : "Updated");
                results.add(item);
            } catch (ApiError e) {
                results.add(createFailure(input, i, e));
            }
        }
        return jobs.queue("Create Or Update Many Users", results);
    }

    /** {@code update_many?ids=} with one {@code user} body applied to each. */
    synchronized ObjectNode updateManySame(List<Long> ids, JsonNode input) {
        ArrayNode results = json.arrayNode();
        for (long id : ids) {
            results.add(updateOne(id, input));
        }
        return jobs.queue("Update Many Users", results);
    }

    /** {@code update_many} with a {@code users} array, each carrying its {@code id}. */
    synchronized ObjectNode updateManyEach(ArrayNode inputs) {
        ArrayNode results = json.arrayNode();
        for (JsonNode input : inputs) {
            if (!input.path("id").canConvertToLong()) {
                throw ApiError.badRequest("InvalidValue", "each user of update_many needs an id");
            }
            results.add(updateOne(input.path("id").asLong(), input));
        }
        return jobs.queue("Update Many Users", results);
    }

    synchronized ObjectNode destroyMany(List<Long> ids) {
        ArrayNode results = json.arrayNode();
        for (long id : ids) {
            try {
                deleteUser(id);
                results.add(done(id, "destroy", "Deleted"));
            } catch (ApiError e) {
                results.add(failure(id, "destroy", e));
            }
        }
        return jobs.queue("Bulk Delete Users", results);
    }

    synchronized List<Long> idsOfExternalIds(List<String> externalIds) {
        List<Long> ids = new ArrayList<>();
        for (String externalId : externalIds) {
            users.externalIdHolder(externalId, null).ifPresent(ids::add);
        }
        return ids;
    }

    // ---- groups and memberships ----

    synchronized ObjectNode createGroup(JsonNode input) {
        return groups.createGroup(input);
    }

    synchronized ObjectNode updateGroup(long id, JsonNode input) {
        return groups.updateGroup(id, input);
    }

    synchronized void deleteGroup(long id) {
        groups.deleteGroup(id);
    }

    synchronized Optional<ObjectNode> group(long id) {
        return groups.group(id);
    }

    synchronized List<ObjectNode> groups(boolean excludeDeleted) {
        return groups.groups(excludeDeleted);
    }

    synchronized ObjectNode createMembership(JsonNode input) {
        return groups.createMembership(input);
    }

    synchronized void deleteMembership(long id) {
        groups.deleteMembership(id);
    }

    synchronized Optional<ObjectNode> membership(long id) {
        return groups.membership(id);
    }

    synchronized List<ObjectNode> membershipsOfGroup(long groupId) {
        if (groups.group(groupId).isEmpty()) {
            throw ApiError.notFound();
        }
        return groups.membershipsOfGroup(groupId);
    }

    synchronized List<ObjectNode> membershipsOfUser(long userId) {
        if (users.get(userId).isEmpty()) {
            throw ApiError.notFound();
        }
        return groups.membershipsOfUser(userId);
    }

    synchronized List<ObjectNode> allMemberships() {
        return groups.allMemberships();
    }

    synchronized ObjectNode createMemberships(ArrayNode inputs) {
        ArrayNode results = json.arrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            try {
                results.add(created(groups.createMembership(input).path("id").asLong(), i));
            } catch (ApiError e) {
                long userId = input.path("user_id").asLong();
                results.add(failure(userId, "create", e));
            }
        }
        return jobs.queue("Bulk Create Group Memberships", results);
    }

    synchronized ObjectNode destroyMemberships(List<Long> ids) {
        ArrayNode results = json.arrayNode();
        for (long id : ids) {
            try {
                groups.deleteMembership(id);
                results.add(done(id, "destroy", "Deleted"));
            } catch (ApiError e) {
                results.add(failure(id, "destroy", e));
            }
        }
        return jobs.queue("Bulk Delete Group Memberships", results);
    }

    // ---- organizations ----

    synchronized ObjectNode createOrganization(JsonNode input) {
        return organizations.create(input);
    }

    synchronized List<ObjectNode> organizations() {
        return organizations.all();
    }

    synchronized Optional<ObjectNode> organizationByName(String name) {
        return organizations.byName(name);
    }

    synchronized List<ObjectNode> organizationsByIds(List<Long> ids) {
        return organizations.byIds(ids);
    }

    /** A name already taken fails with the id of the organization that holds it, as a taken e-mail does for users. */
    synchronized ObjectNode createOrganizations(ArrayNode inputs) {
        ArrayNode results = json.arrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            try {
                results.add(created(organizations.create(input).path("id").asLong(), i));
            } catch (ApiError e) {
                Optional<ObjectNode> holder = organizations.byName(input.path("name").asText(null));
                if (holder.isPresent()) {
                    results.add(failure(holder.get().path("id").asLong(), "create", e));
                } else {
                    ObjectNode item = json.objectNode();
                    item.put("index", i);
                    item.put("action", "create");
                    item.put("error", e.firstErrorCode());
                    item.put("details", e.firstErrorDescription());
                    item.put("success", false);
                    results.add(item);
                }
            }
        }
        return jobs.queue("Create Many Organizations", results);
    }

    // ---- custom roles, jobs ----

    synchronized ObjectNode addCustomRole(String name, String description) {
        ObjectNode role = json.objectNode();
        long id = nextCustomRoleId++;
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        role.put("id", id);
        role.put("name", name);
        role.put("description", description == null ? "" : description);
        role.put("role_type", 0);
        role.put("team_member_count", 0);
        role.put("created_at", now);
        role.put("updated_at", now);
        customRoles.put(id, role);
        return role.deepCopy();
    }

    /** As an admin renaming a custom role in Admin Center: its id and its agents stay. */
    synchronized void renameCustomRole(long id, String name) {
        ObjectNode role = customRoles.get(id);
        if (role == null) throw new IllegalArgumentException("no custom role has the id " + id);
        role.put("name", name);
        role.put("updated_at", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** As an admin deleting a custom role; agents that held it keep the dangling id, as the test needs. */
    synchronized void deleteCustomRole(long id) {
        if (customRoles.remove(id) == null) throw new IllegalArgumentException("no custom role has the id " + id);
    }

    synchronized List<ObjectNode> customRoles() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode role : customRoles.values()) {
            ObjectNode copy = role.deepCopy();
            long id = role.path("id").asLong();
            copy.put("team_member_count", users.all(false).stream()
                    .filter(u -> u.path("custom_role_id").asLong(-1) == id).count());
            out.add(copy);
        }
        return out;
    }

    synchronized Optional<ObjectNode> pollJob(String id) {
        return jobs.poll(id);
    }

    synchronized int jobCount() {
        return jobs.count();
    }

    synchronized void pollsBeforeCompletion(int polls) {
        jobs.pollsBeforeCompletion(polls);
    }

    synchronized java.time.Duration queuedJobTime() {
        return jobs.queuedJobTime();
    }

    synchronized void jobDuration(java.time.Duration base, java.time.Duration perItem) {
        jobs.jobDuration(base, perItem);
    }

    synchronized void clear() {
        users.clear();
        groups.clear();
        organizations.clear();
        jobs.clear();
        customRoles.clear();
        nextCustomRoleId = 40_001;
    }

    // ---- result items ----

    private ObjectNode updateOne(long id, JsonNode input) {
        try {
            updateUser(id, input);
            return done(id, "update", "Updated");
        } catch (ApiError e) {
            return failure(id, "update", e);
        }
    }

    private ObjectNode created(long id, int index) {
        ObjectNode item = json.objectNode();
        item.put("id", id);
        item.put("index", index);
        item.put("status", "Created");
        item.put("success", true);
        return item;
    }

    private ObjectNode done(long id, String action, String status) {
        ObjectNode item = json.objectNode();
        item.put("id", id);
        item.put("action", action);
        item.put("status", status);
        item.put("success", true);
        return item;
    }

    private ObjectNode failure(long id, String action, ApiError e) {
        ObjectNode item = json.objectNode();
        item.put("id", id);
        item.put("action", action);
        item.put("error", e.firstErrorCode());
        item.put("details", e.firstErrorDescription());
        item.put("success", false);
        return item;
    }

    private ObjectNode createFailure(JsonNode input, int index, ApiError e) {
        String field = e.firstField();
        Optional<Long> holder = "email".equals(field)
                ? users.emailHolder(UserDirectory.textOrNull(input.get("email")), null)
                : "external_id".equals(field)
                ? users.externalIdHolder(UserDirectory.textOrNull(input.get("external_id")), null)
                : Optional.empty();
        if (holder.isPresent()) {
            return failure(holder.get(), "create", e);
        }
        ObjectNode item = json.objectNode();
        item.put("index", index);
        item.put("action", "create");
        item.put("error", e.firstErrorCode());
        item.put("details", e.firstErrorDescription());
        item.put("success", false);
        return item;
    }
}
