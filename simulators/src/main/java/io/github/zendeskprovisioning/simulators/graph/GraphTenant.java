package io.github.zendeskprovisioning.simulators.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.zendeskprovisioning.simulators.JsonText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The directory the simulator serves: users (active and soft-deleted), groups with direct members, service
 * principals with app roles and assignments, and an append-only change log that delta tokens point into.
 * Collections are sorted by id so paging is a cursor ("after this id") that stays correct while the tenant
 * changes. Every method is synchronized: the HTTP threads and the control API share it.
 */
final class GraphTenant {
    static final String USER_TYPE = "#microsoft.graph.user";
    static final String GROUP_TYPE = "#microsoft.graph.group";
    static final String SERVICE_PRINCIPAL_TYPE = "#microsoft.graph.servicePrincipal";
    /** Graph's default properties of a user when no {@code $select} is given ({@code accountEnabled} is not one). */
    static final List<String> USER_DEFAULT_SELECT = List.of("businessPhones", "displayName", "givenName", "jobTitle",
            "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName");
    static final Set<String> USER_PROPERTIES = Set.of("id", "aboutMe", "accountEnabled", "ageGroup", "businessPhones",
            "city", "companyName", "country", "createdDateTime", "creationType", "department", "displayName",
            "employeeId", "employeeType", "faxNumber", "givenName", "identities", "imAddresses", "jobTitle", "mail",
            "mailNickname", "mobilePhone", "officeLocation", "onPremisesImmutableId", "onPremisesSyncEnabled",
            "otherMails", "postalCode", "preferredLanguage", "proxyAddresses", "state", "streetAddress", "surname",
            "usageLocation", "userPrincipalName", "userType", "deletedDateTime", "onPremisesExtensionAttributes",
            "employeeHireDate", "employeeLeaveDateTime", "onPremisesSamAccountName", "onPremisesUserPrincipalName",
            "onPremisesDomainName", "preferredDataLocation", "showInAddressList");
    /** Directory extension properties ({@code extension_<appId without dashes>_<name>}) exist on every user here. */
    static final java.util.regex.Pattern DIRECTORY_EXTENSION = java.util.regex.Pattern.compile("extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+");
    static final Set<String> GROUP_PROPERTIES = Set.of("id", "classification", "createdDateTime", "description",
            "displayName", "groupTypes", "mail", "mailEnabled", "mailNickname", "securityEnabled", "visibility",
            "deletedDateTime", "members");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ObjectMapper mapper;
    /**
     * Users as their JSON text (UTF-8): at 100,000 users the node trees took several times the heap, and every answer
     * projects a copy anyway. JSON keeps the properties' order and values.
     */
    private final TreeMap<String, byte[]> users = new TreeMap<>();
    private final TreeMap<String, byte[]> deletedUsers = new TreeMap<>();
    /** Memberships a soft-deleted user had; a restore gives them back, a hard delete forgets them. */
    private final Map<String, List<String>> parkedMemberships = new HashMap<>();
    private final TreeMap<String, ObjectNode> groups = new TreeMap<>();
    private final Map<String, LinkedHashSet<String>> members = new HashMap<>();
    /** A user's manager (user id to user id), the target of the manager navigation property. */
    private final Map<String, String> managers = new HashMap<>();
    private final Map<String, ServicePrincipal> servicePrincipals = new HashMap<>();
    private final List<Change> log = new ArrayList<>();
    private long sequence;

    private record ServicePrincipal(ObjectNode node, TreeMap<String, ObjectNode> assignments) {
    }

    /** A page of items and, when more follow, the id to continue after. */
    record Slice(List<ObjectNode> items, String continueAfter) {
    }

    GraphTenant(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    synchronized void clear() {
        users.clear();
        deletedUsers.clear();
        parkedMemberships.clear();
        groups.clear();
        members.clear();
        managers.clear();
        servicePrincipals.clear();
        log.clear();
        sequence = 0;
    }

    synchronized long currentSequence() {
        return sequence;
    }

    // ---- control: users ----

    synchronized String createUser(String id, Map<String, Object> properties) {
        String userId = id == null ? UUID.randomUUID().toString() : id;
        requireUuid(userId);
        if (users.containsKey(userId) || deletedUsers.containsKey(userId) || groups.containsKey(userId)) {
            throw new IllegalArgumentException("an object with id " + userId + " already exists");
        }
        ObjectNode node = JSON.objectNode();
        node.put("id", userId);
        node.put("accountEnabled", true);
        node.set("businessPhones", JSON.arrayNode());
        node.put("createdDateTime", Instant.now().toString());
        applyProperties(node, properties, USER_PROPERTIES);
        users.put(userId, write(node));
        record(Change.Type.USER_CREATED, userId, Set.of(), null, null);
        return userId;
    }

    synchronized void updateUser(String id, Map<String, Object> changes) {
        ObjectNode node = activeUser(id);
        if (node == null) throw new IllegalArgumentException("no active user " + id);
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            // Compared as stored (read back from JSON), so a value equal to the stored one is no change.
            JsonNode value = readNode(write(mapper.valueToTree(e.getValue())));
            if (!value.equals(node.get(e.getKey()))) changed.add(e.getKey());
        }
        try {
            applyProperties(node, changes, USER_PROPERTIES);
        } finally {
            // As when the node itself was kept: what was applied before a refused property stays.
            users.put(id, write(node));
        }
        if (!changed.isEmpty()) record(Change.Type.USER_UPDATED, id, changed, null, null);
    }

    synchronized void softDeleteUser(String id) {
        byte[] stored = users.remove(id);
        if (stored == null) throw new IllegalArgumentException("no active user " + id);
        ObjectNode node = read(stored);
        node.put("deletedDateTime", Instant.now().toString());
        deletedUsers.put(id, write(node));
        List<String> memberOf = new ArrayList<>();
        for (Map.Entry<String, LinkedHashSet<String>> e : members.entrySet()) {
            if (e.getValue().contains(id)) memberOf.add(e.getKey());
        }
        memberOf.sort(null);
        for (String groupId : memberOf) removeMember(groupId, id);
        parkedMemberships.put(id, memberOf);
        record(Change.Type.USER_SOFT_DELETED, id, Set.of(), null, null);
    }

    synchronized void restoreUser(String id) {
        byte[] stored = deletedUsers.remove(id);
        if (stored == null) throw new IllegalArgumentException("no soft-deleted user " + id);
        ObjectNode node = read(stored);
        node.remove("deletedDateTime");
        users.put(id, write(node));
        record(Change.Type.USER_RESTORED, id, Set.of(), null, null);
        for (String groupId : parkedMemberships.getOrDefault(id, List.of())) {
            if (groups.containsKey(groupId)) addMember(groupId, id);
        }
        parkedMemberships.remove(id);
    }

    /** Permanently deletes an active or soft-deleted user (and its memberships and assignments). */
    synchronized void hardDeleteUser(String id) {
        if (users.containsKey(id)) softDeleteUserQuietly(id);
        if (deletedUsers.remove(id) == null) throw new IllegalArgumentException("no user " + id);
        parkedMemberships.remove(id);
        servicePrincipals.values().forEach(sp -> sp.assignments().values()
                .removeIf(a -> id.equals(a.path("principalId").asText())));
        record(Change.Type.USER_HARD_DELETED, id, Set.of(), null, null);
    }

    private void softDeleteUserQuietly(String id) {
        deletedUsers.put(id, users.remove(id));
        for (Map.Entry<String, LinkedHashSet<String>> e : new ArrayList<>(members.entrySet())) {
            if (e.getValue().contains(id)) removeMember(e.getKey(), id);
        }
    }

    // ---- control: groups ----

    synchronized String createGroup(String id, String displayName, String description) {
        String groupId = id == null ? UUID.randomUUID().toString() : id;
        requireUuid(groupId);
        if (groups.containsKey(groupId) || users.containsKey(groupId)) {
            throw new IllegalArgumentException("an object with id " + groupId + " already exists");
        }
        ObjectNode node = JSON.objectNode();
        node.put("id", groupId);
        node.put("displayName", displayName);
        if (description == null) node.putNull("description"); else node.put("description", description);
        node.set("groupTypes", JSON.arrayNode());
        node.put("mailEnabled", false);
        node.put("mailNickname", displayName.replaceAll("[^A-Za-z0-9]", "").toLowerCase());
        node.put("securityEnabled", true);
        node.put("createdDateTime", Instant.now().toString());
        groups.put(groupId, node);
        members.put(groupId, new LinkedHashSet<>());
        record(Change.Type.GROUP_CREATED, groupId, Set.of(), null, null);
        return groupId;
    }

    synchronized void updateGroup(String id, Map<String, Object> changes) {
        ObjectNode node = groups.get(id);
        if (node == null) throw new IllegalArgumentException("no group " + id);
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            if (!mapper.valueToTree(e.getValue()).equals(node.get(e.getKey()))) changed.add(e.getKey());
        }
        applyProperties(node, changes, GROUP_PROPERTIES);
        if (!changed.isEmpty()) record(Change.Type.GROUP_UPDATED, id, changed, null, null);
    }

    /** Deletes a (security) group permanently, as Entra does; it leaves the groups it was a member of too. */
    synchronized void deleteGroup(String id) {
        if (groups.remove(id) == null) throw new IllegalArgumentException("no group " + id);
        members.remove(id);
        for (Map.Entry<String, LinkedHashSet<String>> e : new ArrayList<>(members.entrySet())) {
            if (e.getValue().contains(id)) removeMember(e.getKey(), id);
        }
        servicePrincipals.values().forEach(sp -> sp.assignments().values()
                .removeIf(a -> id.equals(a.path("principalId").asText())));
        record(Change.Type.GROUP_DELETED, id, Set.of(), null, null);
    }

    synchronized void addMember(String groupId, String memberId) {
        LinkedHashSet<String> set = members.get(groupId);
        if (set == null) throw new IllegalArgumentException("no group " + groupId);
        String type = memberType(memberId);
        if (type == null) throw new IllegalArgumentException("no active user or group " + memberId);
        if (set.add(memberId)) record(Change.Type.MEMBER_ADDED, groupId, Set.of(), memberId, type);
    }

    synchronized void removeMember(String groupId, String memberId) {
        LinkedHashSet<String> set = members.get(groupId);
        if (set == null) throw new IllegalArgumentException("no group " + groupId);
        if (set.remove(memberId)) {
            String type = groups.containsKey(memberId) ? GROUP_TYPE : USER_TYPE;
            record(Change.Type.MEMBER_REMOVED, groupId, Set.of(), memberId, type);
        }
    }

    private String memberType(String id) {
        if (users.containsKey(id)) return USER_TYPE;
        if (groups.containsKey(id)) return GROUP_TYPE;
        return null;
    }

    // ---- control: service principals and assignments ----

    synchronized void createServicePrincipal(String id, String displayName, List<SimAppRole> roles) {
        requireUuid(id);
        ObjectNode node = JSON.objectNode();
        node.put("@odata.type", SERVICE_PRINCIPAL_TYPE);
        node.put("id", id);
        node.put("appId", UUID.nameUUIDFromBytes(id.getBytes()).toString());
        node.put("displayName", displayName);
        node.put("accountEnabled", true);
        node.put("servicePrincipalType", "Application");
        ArrayNode appRoles = node.putArray("appRoles");
        for (SimAppRole role : roles) {
            requireUuid(role.id());
            ObjectNode r = appRoles.addObject();
            r.put("@odata.type", "#microsoft.graph.appRole");
            r.putArray("allowedMemberTypes").add("User");
            r.put("description", role.displayName());
            r.put("displayName", role.displayName());
            r.put("id", role.id());
            r.put("isEnabled", role.enabled());
            r.put("origin", "Application");
            if (role.value() == null) r.putNull("value"); else r.put("value", role.value());
        }
        servicePrincipals.put(id, new ServicePrincipal(node, new TreeMap<>()));
    }

    synchronized String assign(String servicePrincipalId, String principalId, String appRoleId) {
        ServicePrincipal sp = servicePrincipal(servicePrincipalId);
        requireUuid(appRoleId);
        String principalType;
        String principalName;
        if (users.containsKey(principalId)) {
            principalType = "User";
            principalName = activeUser(principalId).path("displayName").asText(null);
        } else if (groups.containsKey(principalId)) {
            principalType = "Group";
            principalName = groups.get(principalId).path("displayName").asText(null);
        } else if (servicePrincipals.containsKey(principalId)) {
            principalType = "ServicePrincipal";
            principalName = servicePrincipals.get(principalId).node().path("displayName").asText(null);
        } else {
            throw new IllegalArgumentException("no active principal " + principalId);
        }
        String assignmentId = UUID.nameUUIDFromBytes((servicePrincipalId + principalId + appRoleId).getBytes()).toString();
        ObjectNode a = JSON.objectNode();
        a.put("@odata.type", "#microsoft.graph.appRoleAssignment");
        a.put("id", assignmentId);
        a.putNull("deletedDateTime");
        a.put("appRoleId", appRoleId);
        a.put("createdDateTime", Instant.now().toString());
        a.put("principalDisplayName", principalName);
        a.put("principalId", principalId);
        a.put("principalType", principalType);
        a.put("resourceDisplayName", sp.node().path("displayName").asText());
        a.put("resourceId", servicePrincipalId);
        sp.assignments().put(assignmentId, a);
        return assignmentId;
    }

    /** Removes every assignment of this principal to the app; returns how many there were. */
    synchronized int unassignPrincipal(String servicePrincipalId, String principalId) {
        var assignments = servicePrincipal(servicePrincipalId).assignments();
        int before = assignments.size();
        assignments.values().removeIf(a -> principalId.equals(a.path("principalId").asText()));
        return before - assignments.size();
    }

    synchronized void unassign(String servicePrincipalId, String assignmentId) {
        if (servicePrincipal(servicePrincipalId).assignments().remove(assignmentId) == null) {
            throw new IllegalArgumentException("no assignment " + assignmentId);
        }
    }

    private ServicePrincipal servicePrincipal(String id) {
        ServicePrincipal sp = servicePrincipals.get(id);
        if (sp == null) throw new IllegalArgumentException("no service principal " + id);
        return sp;
    }

    // ---- reads ----

    synchronized Optional<ObjectNode> user(String id, List<String> select) {
        return user(id, select, null);
    }

    synchronized Optional<ObjectNode> user(String id, List<String> select, List<String> expandManager) {
        List<String> managerSelect = managerSelect(expandManager);
        return Optional.ofNullable(activeUser(id)).map(u -> withManager(project(u, userSelect(select), USER_TYPE), managerSelect));
    }

    synchronized Slice users(List<String> ids, List<String> select, String after, int top) {
        return users(ids, null, select, null, after, top);
    }

    synchronized Slice users(List<String> ids, List<QueryOptions.Prefix> prefixes, List<String> select, String after, int top) {
        return users(ids, prefixes, select, null, after, top);
    }

    synchronized Slice users(List<String> ids, List<QueryOptions.Prefix> prefixes, List<String> select,
                             List<String> expandManager, String after, int top) {
        List<String> managerSelect = managerSelect(expandManager);
        return slice(matching(users, prefixes, this::read), ids, after, top,
                u -> withManager(project(read(u), userSelect(select), USER_TYPE), managerSelect));
    }

    /** Sets (or, with null, removes) a user's manager, as Entra's manager reference. */
    synchronized void setManager(String userId, String managerId) {
        if (!users.containsKey(userId)) throw new IllegalArgumentException("no active user " + userId);
        if (managerId != null && !users.containsKey(managerId)) throw new IllegalArgumentException("no active user " + managerId);
        if (managerId == null) managers.remove(userId); else managers.put(userId, managerId);
        record(Change.Type.USER_UPDATED, userId, Set.of("manager"), null, null);
    }

    private List<String> managerSelect(List<String> expandManager) {
        if (expandManager == null) return null;
        return expandManager.isEmpty() ? USER_DEFAULT_SELECT : userSelect(expandManager);
    }

    /** As Graph: the expanded manager appears only when the user has one (a deleted manager is none). */
    private ObjectNode withManager(ObjectNode user, List<String> managerSelect) {
        if (managerSelect == null) return user;
        String managerId = managers.get(user.get("id").asText());
        ObjectNode manager = managerId == null ? null : activeUser(managerId);
        if (manager != null) user.set("manager", project(manager, managerSelect, USER_TYPE));
        return user;
    }

    synchronized Slice deletedUsers(List<String> select, String after, int top) {
        List<String> effective = select == null ? withDeletedDate(USER_DEFAULT_SELECT) : select;
        return slice(deletedUsers, null, after, top, u -> project(read(u), effective, USER_TYPE));
    }

    synchronized Optional<ObjectNode> group(String id, List<String> select) {
        return Optional.ofNullable(groups.get(id)).map(g -> project(g, groupSelect(select, g), GROUP_TYPE));
    }

    synchronized Slice groups(List<String> ids, List<String> select, String after, int top) {
        return groups(ids, null, select, after, top);
    }

    synchronized Slice groups(List<String> ids, List<QueryOptions.Prefix> prefixes, List<String> select, String after, int top) {
        return slice(matching(groups, prefixes, g -> g), ids, after, top, g -> project(g, groupSelect(select, g), GROUP_TYPE));
    }

    /** The objects any of the startswith clauses matches (ORed, case-insensitive, as Graph compares). */
    private static <T> TreeMap<String, T> matching(TreeMap<String, T> source, List<QueryOptions.Prefix> prefixes,
                                                   java.util.function.Function<T, ObjectNode> read) {
        if (prefixes == null) return source;
        TreeMap<String, T> out = new TreeMap<>();
        source.forEach((id, stored) -> {
            ObjectNode node = read.apply(stored);
            for (QueryOptions.Prefix p : prefixes) {
                JsonNode v = node.get(p.property());
                if (v != null && v.isTextual() && v.asText().toLowerCase(java.util.Locale.ROOT)
                        .startsWith(p.value().toLowerCase(java.util.Locale.ROOT))) {
                    out.put(id, stored);
                    return;
                }
            }
        });
        return out;
    }

    synchronized Slice members(String groupId, List<String> select, String after, int top) {
        LinkedHashSet<String> set = members.get(groupId);
        if (set == null) throw GraphError.notFound(groupId);
        TreeMap<String, ObjectNode> current = new TreeMap<>();
        for (String memberId : set) {
            ObjectNode user = activeUser(memberId);
            if (user != null) {
                current.put(memberId, project(user, userSelect(select), USER_TYPE));
            } else if (groups.containsKey(memberId)) {
                current.put(memberId, project(groups.get(memberId), groupSelect(select, groups.get(memberId)), GROUP_TYPE));
            }
        }
        return slice(current, null, after, top, node -> node);
    }

    synchronized Optional<ObjectNode> servicePrincipalNode(String id, List<String> select) {
        ServicePrincipal sp = servicePrincipals.get(id);
        if (sp == null) return Optional.empty();
        if (select == null) return Optional.of(sp.node().deepCopy());
        return Optional.of(project(sp.node(), select, SERVICE_PRINCIPAL_TYPE));
    }

    synchronized Slice assignments(String servicePrincipalId, String after, int top) {
        ServicePrincipal sp = servicePrincipals.get(servicePrincipalId);
        if (sp == null) throw GraphError.notFound(servicePrincipalId);
        return slice(sp.assignments(), null, after, top, ObjectNode::deepCopy);
    }

    // ---- delta ----

    /** One page of users/delta for the round described by {@code token}. */
    synchronized Slice userDelta(StateToken token, int pageSize) {
        if (token.fullRound()) {
            return slice(users, null, token.afterId(), pageSize, u -> project(read(u), token.select(), USER_TYPE));
        }
        TreeMap<String, UserSummary> summaries = new TreeMap<>();
        for (Change c : changesIn(token)) {
            if (!c.aboutUser()) continue;
            UserSummary s = summaries.computeIfAbsent(c.objectId(), k -> new UserSummary());
            switch (c.type()) {
                case USER_CREATED, USER_RESTORED -> s.complete = true;
                case USER_UPDATED -> s.properties.addAll(c.properties());
                default -> { }
            }
        }
        List<ObjectNode> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, UserSummary> e : summaries.tailMap(token.afterId(), false).entrySet()) {
            if (items.size() == pageSize) return new Slice(items, last);
            last = e.getKey();
            userDeltaItem(e.getKey(), e.getValue(), token.select()).ifPresent(items::add);
        }
        return new Slice(items, null);
    }

    private static final class UserSummary {
        boolean complete;
        final Set<String> properties = new HashSet<>();
    }

    private Optional<ObjectNode> userDeltaItem(String id, UserSummary summary, List<String> select) {
        ObjectNode user = activeUser(id);
        if (user != null) {
            if (summary.complete) return Optional.of(project(user, select, USER_TYPE));
            List<String> changed = select.stream().filter(summary.properties::contains).toList();
            // Graph returns an updated user with the changed properties only; unselected changes are not reported.
            return changed.isEmpty() ? Optional.empty() : Optional.of(project(user, changed, null));
        }
        return Optional.of(removed(id, deletedUsers.containsKey(id) ? "changed" : "deleted", null));
    }

    /** One page of groups/delta; {@code members@delta} is present when the round selected {@code members}. */
    synchronized Slice groupDelta(StateToken token, int pageSize) {
        boolean withMembers = token.select().contains("members");
        List<String> select = token.select().stream().filter(p -> !p.equals("members")).toList();
        if (token.fullRound()) {
            return slice(groups, null, token.afterId(), pageSize, g -> {
                ObjectNode item = project(g, select, GROUP_TYPE);
                if (withMembers) item.set("members@delta", currentMembers(g.path("id").asText()));
                return item;
            });
        }
        TreeMap<String, GroupSummary> summaries = new TreeMap<>();
        for (Change c : changesIn(token)) {
            if (c.aboutUser()) continue;
            GroupSummary s = summaries.computeIfAbsent(c.objectId(), k -> new GroupSummary());
            switch (c.type()) {
                case GROUP_CREATED -> s.complete = true;
                case GROUP_UPDATED -> s.properties.addAll(c.properties());
                case MEMBER_ADDED, MEMBER_REMOVED -> s.memberTypes.put(c.memberId(), c.memberType());
                default -> { }
            }
        }
        List<ObjectNode> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, GroupSummary> e : summaries.tailMap(token.afterId(), false).entrySet()) {
            if (items.size() == pageSize) return new Slice(items, last);
            last = e.getKey();
            groupDeltaItem(e.getKey(), e.getValue(), select, withMembers).ifPresent(items::add);
        }
        return new Slice(items, null);
    }

    private static final class GroupSummary {
        boolean complete;
        final Set<String> properties = new HashSet<>();
        final TreeMap<String, String> memberTypes = new TreeMap<>();
    }

    private Optional<ObjectNode> groupDeltaItem(String id, GroupSummary summary, List<String> select, boolean withMembers) {
        ObjectNode group = groups.get(id);
        if (group == null) return Optional.of(removed(id, "deleted", null));
        if (summary.complete) {
            ObjectNode item = project(group, select, GROUP_TYPE);
            if (withMembers) item.set("members@delta", currentMembers(id));
            return Optional.of(item);
        }
        List<String> changed = select.stream().filter(summary.properties::contains).toList();
        boolean memberChanges = withMembers && !summary.memberTypes.isEmpty();
        if (changed.isEmpty() && !memberChanges) return Optional.empty();
        ObjectNode item = project(group, changed, null);
        if (memberChanges) {
            ArrayNode delta = item.putArray("members@delta");
            LinkedHashSet<String> current = members.get(id);
            summary.memberTypes.forEach((memberId, type) -> {
                ObjectNode m = delta.addObject();
                m.put("@odata.type", type);
                m.put("id", memberId);
                if (!current.contains(memberId)) m.putObject("@removed").put("reason", "deleted");
            });
        }
        return Optional.of(item);
    }

    private ArrayNode currentMembers(String groupId) {
        ArrayNode array = JSON.arrayNode();
        for (String memberId : members.getOrDefault(groupId, new LinkedHashSet<>())) {
            ObjectNode m = array.addObject();
            m.put("@odata.type", groups.containsKey(memberId) ? GROUP_TYPE : USER_TYPE);
            m.put("id", memberId);
        }
        return array;
    }

    private List<Change> changesIn(StateToken token) {
        List<Change> window = new ArrayList<>();
        // The log is ordered by sequence (1-based, one entry per number): index i holds sequence i + 1.
        for (long s = token.since() + 1; s <= token.ceiling() && s <= log.size(); s++) {
            window.add(log.get((int) (s - 1)));
        }
        return window;
    }

    private static ObjectNode removed(String id, String reason, String odataType) {
        ObjectNode item = JSON.objectNode();
        if (odataType != null) item.put("@odata.type", odataType);
        item.put("id", id);
        item.putObject("@removed").put("reason", reason);
        return item;
    }

    // ---- helpers ----

    List<String> userSelect(List<String> select) {
        if (select == null) return USER_DEFAULT_SELECT;
        checkProperties(select.stream().filter(p -> !DIRECTORY_EXTENSION.matcher(p).matches()).toList(), USER_PROPERTIES, "user");
        return select;
    }

    private List<String> groupSelect(List<String> select, ObjectNode group) {
        if (select == null) {
            List<String> all = new ArrayList<>();
            group.fieldNames().forEachRemaining(all::add);
            return all;
        }
        checkProperties(select, GROUP_PROPERTIES, "group");
        return select.stream().filter(p -> !p.equals("members")).toList();
    }

    static void checkProperties(Collection<String> select, Set<String> known, String type) {
        for (String p : select) {
            if (!known.contains(p)) {
                throw GraphError.badRequest("Could not find a property named '" + p + "' on type 'microsoft.graph." + type + "'.");
            }
        }
    }

    private static List<String> withDeletedDate(List<String> select) {
        List<String> all = new ArrayList<>(select);
        all.add("deletedDateTime");
        return all;
    }

    /**
     * The selected properties (null where unset), always with the id, and {@code @odata.type} if given: the
     * OpenAPI description requires it on every entity, so whole objects carry it; partial delta items do not.
     */
    private static ObjectNode project(ObjectNode source, List<String> select, String odataType) {
        ObjectNode out = JSON.objectNode();
        if (odataType != null) out.put("@odata.type", odataType);
        out.set("id", source.get("id"));
        for (String p : select) {
            if (p.equals("id")) continue;
            JsonNode v = source.get(p);
            out.set(p, v == null ? JSON.nullNode() : v.deepCopy());
        }
        return out;
    }

    private static <T> Slice slice(TreeMap<String, T> source, List<String> ids, String after, int top,
                                   java.util.function.Function<T, ObjectNode> view) {
        TreeMap<String, T> filtered = source;
        if (ids != null) {
            // An id filter names few objects: look them up instead of scanning the tenant.
            filtered = new TreeMap<>();
            for (String id : ids) {
                T node = source.get(id);
                if (node != null) filtered.put(id, node);
            }
        }
        List<ObjectNode> items = new ArrayList<>();
        Map<String, T> range = after == null || after.isEmpty() ? filtered : filtered.tailMap(after, false);
        String last = null;
        for (Map.Entry<String, T> e : range.entrySet()) {
            if (items.size() == top) return new Slice(items, last);
            items.add(view.apply(e.getValue()));
            last = e.getKey();
        }
        return new Slice(items, null);
    }

    private void applyProperties(ObjectNode node, Map<String, Object> properties, Set<String> known) {
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            boolean extension = known == USER_PROPERTIES && DIRECTORY_EXTENSION.matcher(e.getKey()).matches();
            if (e.getKey().equals("id") || !(known.contains(e.getKey()) || extension)) {
                throw new IllegalArgumentException("not a settable property: " + e.getKey());
            }
            node.set(e.getKey(), mapper.valueToTree(e.getValue()));
        }
    }

    /** An active user as a fresh tree, or null. */
    private ObjectNode activeUser(String id) {
        byte[] stored = users.get(id);
        return stored == null ? null : read(stored);
    }

    private static byte[] write(JsonNode node) {
        return JsonText.of(node, "a user");
    }

    private ObjectNode read(byte[] stored) {
        return (ObjectNode) readNode(stored);
    }

    private static JsonNode readNode(byte[] stored) {
        return JsonText.tree(stored, "a stored value");
    }

    private void record(Change.Type type, String objectId, Set<String> properties, String memberId, String memberType) {
        sequence++;
        log.add(new Change(sequence, type, objectId, properties, memberId, memberType));
    }

    private static void requireUuid(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Entra object ids are GUIDs: " + id);
        }
    }
}
