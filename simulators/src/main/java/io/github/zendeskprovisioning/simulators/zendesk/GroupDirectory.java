package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Groups and group memberships with Zendesk's rules: unique group names, soft-deleted groups, memberships
 * only for active agents and admins, one membership per user and group, the first one a user gets is its
 * default. Not thread-safe: {@link ZendeskTenant} serialises access.
 */
final class GroupDirectory {
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Clock clock;
    private final UserDirectory users;
    private final TreeMap<Long, ObjectNode> groups = new TreeMap<>();
    private final TreeMap<Long, ObjectNode> memberships = new TreeMap<>();
    private long nextGroupId = 20_001;
    private long nextMembershipId = 30_001;

    GroupDirectory(Clock clock, UserDirectory users) {
        this.clock = clock;
        this.users = users;
    }

    ObjectNode createGroup(JsonNode input) {
        String name = input.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw ApiError.recordInvalid("name", "Name: cannot be blank", "BlankValue");
        }
        checkNameFree(name, null);
        ObjectNode group = json.objectNode();
        long id = nextGroupId++;
        group.put("id", id);
        group.put("name", name);
        group.put("description", input.path("description").asText(""));
        group.put("default", false);
        group.put("deleted", false);
        group.put("is_public", input.path("is_public").asBoolean(true));
        group.put("created_at", now());
        group.put("updated_at", now());
        groups.put(id, group);
        return group.deepCopy();
    }

    ObjectNode updateGroup(long id, JsonNode input) {
        ObjectNode group = liveGroup(id);
        if (input.has("name")) {
            String name = input.path("name").asText("").trim();
            if (name.isEmpty()) {
                throw ApiError.recordInvalid("name", "Name: cannot be blank", "BlankValue");
            }
            checkNameFree(name, id);
            group.put("name", name);
        }
        if (input.has("description")) {
            group.put("description", input.path("description").asText(""));
        }
        if (input.has("is_public")) {
            group.put("is_public", input.path("is_public").asBoolean(true));
        }
        group.put("updated_at", now());
        return group.deepCopy();
    }

    /** Soft delete: the group stays listed with {@code deleted: true}; its memberships go. */
    void deleteGroup(long id) {
        ObjectNode group = liveGroup(id);
        group.put("deleted", true);
        group.put("updated_at", now());
        memberships.values().removeIf(m -> m.path("group_id").asLong() == id);
    }

    Optional<ObjectNode> group(long id) {
        return Optional.ofNullable(groups.get(id)).map(ObjectNode::deepCopy);
    }

    List<ObjectNode> groups(boolean excludeDeleted) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode g : groups.values()) {
            if (!excludeDeleted || !g.path("deleted").asBoolean()) {
                out.add(g.deepCopy());
            }
        }
        return out;
    }

    ObjectNode createMembership(JsonNode input) {
        if (!input.path("user_id").canConvertToLong() || !input.path("group_id").canConvertToLong()) {
            throw ApiError.recordInvalid("user_id", "User and group are required", "BlankValue");
        }
        long userId = input.path("user_id").asLong();
        long groupId = input.path("group_id").asLong();
        ObjectNode user = users.get(userId).filter(u -> u.path("active").asBoolean())
                .orElseThrow(() -> ApiError.recordInvalid("user", "User: does not exist", "InvalidValue"));
        String role = user.path("role").asText();
        if (!role.equals("agent") && !role.equals("admin")) {
            throw ApiError.recordInvalid("user", "User: " + user.path("name").asText()
                    + " is an end user; only agents and admins can be group members", "InvalidValue");
        }
        ObjectNode group = groups.get(groupId);
        if (group == null || group.path("deleted").asBoolean()) {
            throw ApiError.recordInvalid("group", "Group: does not exist", "InvalidValue");
        }
        boolean exists = memberships.values().stream().anyMatch(m -> m.path("user_id").asLong() == userId
                && m.path("group_id").asLong() == groupId);
        if (exists) {
            throw ApiError.recordInvalid("user_id", "User: is already a member of this group", "DuplicateValue");
        }
        boolean first = memberships.values().stream().noneMatch(m -> m.path("user_id").asLong() == userId);
        ObjectNode membership = json.objectNode();
        long id = nextMembershipId++;
        membership.put("id", id);
        membership.put("user_id", userId);
        membership.put("group_id", groupId);
        membership.put("default", first);
        membership.put("created_at", now());
        membership.put("updated_at", now());
        memberships.put(id, membership);
        return membership.deepCopy();
    }

    void deleteMembership(long id) {
        if (memberships.remove(id) == null) {
            throw ApiError.notFound();
        }
    }

    Optional<ObjectNode> membership(long id) {
        return Optional.ofNullable(memberships.get(id)).map(ObjectNode::deepCopy);
    }

    List<ObjectNode> membershipsOfGroup(long groupId) {
        return memberships.values().stream().filter(m -> m.path("group_id").asLong() == groupId)
                .map(ObjectNode::deepCopy).toList();
    }

    List<ObjectNode> membershipsOfUser(long userId) {
        return memberships.values().stream().filter(m -> m.path("user_id").asLong() == userId)
                .map(ObjectNode::deepCopy).toList();
    }

    List<ObjectNode> allMemberships() {
        return memberships.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** An end user (or a deleted one) cannot stay in groups. */
    void removeMembershipsOf(long userId) {
        memberships.values().removeIf(m -> m.path("user_id").asLong() == userId);
    }

    void clear() {
        groups.clear();
        memberships.clear();
        nextGroupId = 20_001;
        nextMembershipId = 30_001;
    }

    private ObjectNode liveGroup(long id) {
        ObjectNode group = groups.get(id);
        if (group == null || group.path("deleted").asBoolean()) {
            throw ApiError.notFound();
        }
        return group;
    }

    private void checkNameFree(String name, Long self) {
        boolean taken = groups.values().stream().anyMatch(g -> !g.path("deleted").asBoolean()
                && g.path("name").asText().equalsIgnoreCase(name) && (self == null || g.path("id").asLong() != self));
        if (taken) {
            throw ApiError.recordInvalid("name", "Name: " + name + " has already been taken", "DuplicateValue");
        }
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
