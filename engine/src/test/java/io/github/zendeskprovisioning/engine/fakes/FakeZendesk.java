package io.github.zendeskprovisioning.engine.fakes;

import io.github.zendeskprovisioning.engine.ports.ZendeskTarget;
import io.github.zendeskprovisioning.engine.target.CustomRole;
import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.MembershipWriteResult;
import io.github.zendeskprovisioning.engine.target.OrganizationWriteResult;
import io.github.zendeskprovisioning.engine.target.RequestStats;
import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskOrganization;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory Zendesk for engine tests: unique e-mails and external ids, memberships for agents and admins
 * only, one "request" per port call (bulk calls count once per 100 items, as the real client sends them).
 */
public final class FakeZendesk implements ZendeskTarget {
    private final Map<Long, ZendeskUser> users = new TreeMap<>();
    private final Map<Long, ZendeskGroup> groups = new TreeMap<>();
    private final Map<Long, GroupMembership> memberships = new TreeMap<>();
    private final List<CustomRole> customRoles = new ArrayList<>();
    private final Map<Long, ZendeskOrganization> organizations = new TreeMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Long> byEndpoint = new TreeMap<>();
    private long total;
    private long writes;
    /** When set, every call throws this (Zendesk down, bad credentials). */
    public ZendeskException failEverything;
    /** Runs as a user create arrives (a test holds the create back with it). */
    public volatile Runnable beforeCreateUsers = () -> { };
    /** When set, every write throws this. */
    public ZendeskException failWrites;
    /** When set, the next organizations create_many creates them, then answers with this (an answer lost). */
    public ZendeskException loseNextOrganizationAnswer;
    /** Organization names (lower case) Zendesk refuses to create. */
    public final java.util.Set<String> refuseOrganizations = new java.util.HashSet<>();
    /** Faults to throw, per endpoint (as {@link #requestsTo} names it), one per call until used up. */
    private final Map<String, java.util.Deque<ZendeskException>> faults = new HashMap<>();
    /** E-mails whose create fails with this error. */
    public final Map<String, ZendeskError> failCreateFor = new HashMap<>();

    public synchronized ZendeskUser addUser(String name, String email, String externalId, String role) {
        ZendeskUser u = new ZendeskUser(ids.incrementAndGet(), name, email, externalId, role, null, false, true, Map.of());
        users.put(u.id(), u);
        return u;
    }

    public synchronized ZendeskGroup addGroup(String name) {
        ZendeskGroup g = new ZendeskGroup(ids.incrementAndGet(), name, null, false);
        groups.put(g.id(), g);
        return g;
    }

    public synchronized void addCustomRole(String name) {
        customRoles.add(new CustomRole(ids.incrementAndGet(), name, 0));
    }

    /** A membership made by hand in Zendesk (not by the service). */
    public synchronized ZendeskOrganization addOrganization(String name) {
        ZendeskOrganization o = new ZendeskOrganization(ids.incrementAndGet(), name);
        organizations.put(o.id(), o);
        return o;
    }

    public synchronized List<ZendeskOrganization> allOrganizations() {
        return List.copyOf(organizations.values());
    }

    public synchronized GroupMembership addMembershipByHand(long userId, long groupId) {
        GroupMembership m = new GroupMembership(ids.incrementAndGet(), userId, groupId);
        memberships.put(m.id(), m);
        return m;
    }

    public synchronized void renameCustomRole(String from, String to) {
        customRoles.replaceAll(r -> r.name().equals(from) ? new CustomRole(r.id(), to, r.roleType()) : r);
    }

    public synchronized void removeCustomRole(String name) {
        customRoles.removeIf(r -> r.name().equals(name));
    }

    public synchronized CustomRole customRole(String name) {
        return customRoles.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** A user purged from Zendesk (deleted permanently): its e-mail and external id are free again. */
    public synchronized void purgeUser(long id) {
        users.remove(id);
        memberships.values().removeIf(m -> m.userId() == id);
    }

    /** Requests counted for one endpoint, e.g. {@code GET /api/v2/users/show_many}. */
    public synchronized long requestsTo(String endpoint) {
        return byEndpoint.getOrDefault(endpoint, 0L);
    }

    /** When set, reading custom roles throws this (a plan or a token that may not read them). */
    public ZendeskException failCustomRoles;

    public synchronized List<ZendeskUser> allUsers() {
        return new ArrayList<>(users.values());
    }

    public synchronized ZendeskUser byEmail(String email) {
        return users.values().stream().filter(u -> u.email() != null && u.email().equalsIgnoreCase(email)).findFirst().orElse(null);
    }

    public synchronized ZendeskUser byExternalId(String ext) {
        return users.values().stream().filter(u -> u.externalId() != null && u.externalId().equalsIgnoreCase(ext)).findFirst().orElse(null);
    }

    public synchronized List<ZendeskGroup> allGroups() {
        return new ArrayList<>(groups.values());
    }

    public synchronized List<Long> membersOf(long groupId) {
        return memberships.values().stream().filter(m -> m.groupId() == groupId).map(GroupMembership::userId).sorted().toList();
    }

    public synchronized long writes() {
        return writes;
    }

    public synchronized void setUser(ZendeskUser u) {
        users.put(u.id(), u);
    }

    /** The next {@code times} calls to {@code endpoint} (e.g. {@code POST /api/v2/groups}) throw {@code fault}, then calls succeed again. */
    public synchronized void failNext(String endpoint, int times, ZendeskException fault) {
        for (int i = 0; i < times; i++) faults.computeIfAbsent(endpoint, e -> new java.util.ArrayDeque<>()).add(fault);
    }

    /** A 503 as Zendesk answers when it is briefly unavailable. */
    public static ZendeskException unavailable() {
        return new ZendeskException(new ZendeskError(503, "ServiceUnavailable", "Zendesk answered 503 Service Unavailable", List.of(), true));
    }

    private void count(String endpoint, int items, boolean write) {
        if (failEverything != null) throw failEverything;
        ZendeskException fault = faults.containsKey(endpoint) ? faults.get(endpoint).poll() : null;
        if (fault != null) throw fault;
        if (write && failWrites != null) throw failWrites;
        long calls = Math.max(1, (items + 99) / 100);
        total += calls;
        if (write) writes += calls;
        byEndpoint.merge(endpoint, calls, Long::sum);
    }

    @Override
    public synchronized ZendeskUser currentUser() {
        count("GET /api/v2/users/me", 1, false);
        return new ZendeskUser(1, "Admin", "admin@example.com", null, "admin", null, false, true, Map.of());
    }

    @Override
    public synchronized List<ZendeskUser> usersByIds(Collection<Long> wanted) {
        count("GET /api/v2/users/show_many", wanted.size(), false);
        return wanted.stream().map(users::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized List<ZendeskUser> usersByExternalIds(Collection<String> externalIds) {
        count("GET /api/v2/users/show_many", externalIds.size(), false);
        List<ZendeskUser> result = new ArrayList<>();
        for (String e : externalIds) {
            ZendeskUser u = byExternalId(e);
            if (u != null && u.active()) result.add(u);
        }
        return result;
    }

    @Override
    public synchronized List<ZendeskUser> usersByEmail(String email) {
        count("GET /api/v2/users/search", 1, false);
        return users.values().stream().filter(u -> u.active() && u.email() != null && u.email().equalsIgnoreCase(email)).toList();
    }

    @Override
    public synchronized List<ZendeskUser> usersByEmails(Collection<String> emails) {
        count("GET /api/v2/users/search", 1, false);
        java.util.Set<String> wanted = new java.util.HashSet<>();
        emails.forEach(e -> wanted.add(e.toLowerCase(java.util.Locale.ROOT)));
        return users.values().stream().filter(u -> u.active() && u.email() != null
                && wanted.contains(u.email().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    @Override
    public synchronized List<UserWriteResult> createUsers(List<ZendeskUserFields> input) {
        beforeCreateUsers.run();
        count("POST /api/v2/users/create_many", input.size(), true);
        List<UserWriteResult> results = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            Map<String, Object> f = input.get(i).values();
            String email = (String) f.get("email");
            String ext = (String) f.get("external_id");
            if (failCreateFor.containsKey(email)) {
                results.add(new UserWriteResult(i, null, failCreateFor.get(email)));
            } else if (email != null && byEmail(email) != null) {
                results.add(new UserWriteResult(i, null, new ZendeskError(0, "DuplicateValue",
                        "Email: " + email + " is already being used by another user", List.of("email: already being used"), false)));
            } else if (ext != null && byExternalId(ext) != null) {
                results.add(new UserWriteResult(i, null, new ZendeskError(0, "DuplicateValue", "External ID has already been taken", List.of(), false)));
            } else {
                ZendeskUser u = new ZendeskUser(ids.incrementAndGet(), (String) f.get("name"), email, ext,
                        (String) f.getOrDefault("role", "end-user"), (Long) f.get("custom_role_id"), false, true, extra(f, Map.of()),
                        (Long) f.get("organization_id"), tagsOf(f, List.of()));
                users.put(u.id(), u);
                results.add(new UserWriteResult(i, u.id(), null));
            }
        }
        return results;
    }

    @Override
    public synchronized List<UserWriteResult> updateUsers(List<UserUpdate> updates) {
        count("PUT /api/v2/users/update_many", updates.size(), true);
        List<UserWriteResult> results = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            UserUpdate up = updates.get(i);
            ZendeskUser u = users.get(up.id());
            if (u == null) {
                results.add(new UserWriteResult(i, up.id(), new ZendeskError(0, "RecordNotFound", "user " + up.id() + " not found", List.of(), false)));
                continue;
            }
            Map<String, Object> f = up.fields().values();
            ZendeskUser changed = new ZendeskUser(u.id(), (String) f.getOrDefault("name", u.name()), u.email(),
                    (String) f.getOrDefault("external_id", u.externalId()), (String) f.getOrDefault("role", u.role()),
                    f.containsKey("custom_role_id") ? (Long) f.get("custom_role_id") : u.customRoleId(),
                    (Boolean) f.getOrDefault("suspended", u.suspended()), u.active(), extra(f, u.fields()),
                    f.containsKey("organization_id") ? (Long) f.get("organization_id") : u.organizationId(), tagsOf(f, u.tags()));
            users.put(u.id(), changed);
            results.add(new UserWriteResult(i, u.id(), null));
        }
        return results;
    }

    private static Map<String, Object> extra(Map<String, Object> f, Map<String, Object> old) {
        Map<String, Object> result = new LinkedHashMap<>(old);
        f.forEach((k, v) -> {
            if (!List.of("name", "email", "external_id", "role", "custom_role_id", "suspended", "organization_id", "tags").contains(k)
                    && v != null) result.put(k, v);
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> tagsOf(Map<String, Object> f, List<String> old) {
        return f.containsKey("tags") ? (List<String>) f.get("tags") : old;
    }

    @Override
    public synchronized List<ZendeskOrganization> organizations() {
        count("GET /api/v2/organizations", organizations.size(), false);
        return List.copyOf(organizations.values());
    }

    @Override
    public synchronized List<OrganizationWriteResult> createOrganizations(List<String> names) {
        count("POST /api/v2/organizations/create_many", names.size(), true);
        List<OrganizationWriteResult> results = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            Optional<ZendeskOrganization> taken = byOrganizationName(name);
            if (refuseOrganizations.contains(name.toLowerCase(Locale.ROOT))) {
                results.add(new OrganizationWriteResult(i, null, new ZendeskError(0, "InvalidValue",
                        "Name: " + name + " is invalid", List.of(), false)));
            } else if (taken.isPresent()) {
                results.add(new OrganizationWriteResult(i, null, new ZendeskError(0, "DuplicateValue",
                        "Name: " + name + " has already been taken", List.of(), false)));
            } else {
                ZendeskOrganization o = new ZendeskOrganization(ids.incrementAndGet(), name);
                organizations.put(o.id(), o);
                results.add(new OrganizationWriteResult(i, o.id(), null));
            }
        }
        if (loseNextOrganizationAnswer != null) {
            ZendeskException lost = loseNextOrganizationAnswer;
            loseNextOrganizationAnswer = null;
            throw lost;
        }
        return results;
    }

    @Override
    public synchronized Optional<ZendeskOrganization> organizationByName(String name) {
        count("GET /api/v2/organizations/search", 1, false);
        return byOrganizationName(name);
    }

    private Optional<ZendeskOrganization> byOrganizationName(String name) {
        return organizations.values().stream().filter(o -> o.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    @Override
    public synchronized UserWriteResult deleteUser(long id) {
        count("DELETE /api/v2/users/{id}", 1, true);
        ZendeskUser u = users.get(id);
        if (u == null) return new UserWriteResult(0, id, new ZendeskError(404, "RecordNotFound", "not found", List.of(), false));
        users.put(id, new ZendeskUser(u.id(), u.name(), u.email(), u.externalId(), u.role(), u.customRoleId(), u.suspended(), false,
                u.fields(), u.organizationId(), u.tags()));
        memberships.values().removeIf(m -> m.userId() == id);
        return new UserWriteResult(0, id, null);
    }

    @Override
    public synchronized List<ZendeskGroup> groups() {
        count("GET /api/v2/groups", groups.size(), false);
        return groups.values().stream().filter(g -> !g.deleted()).toList();
    }

    @Override
    public synchronized ZendeskGroup createGroup(String name, String description) {
        count("POST /api/v2/groups", 1, true);
        ZendeskGroup g = new ZendeskGroup(ids.incrementAndGet(), name, description, false);
        groups.put(g.id(), g);
        return g;
    }

    @Override
    public synchronized ZendeskGroup updateGroup(long id, String name, String description) {
        count("PUT /api/v2/groups/{id}", 1, true);
        ZendeskGroup g = new ZendeskGroup(id, name, description, false);
        groups.put(id, g);
        return g;
    }

    @Override
    public synchronized void deleteGroup(long id) {
        count("DELETE /api/v2/groups/{id}", 1, true);
        ZendeskGroup g = groups.get(id);
        groups.put(id, new ZendeskGroup(id, g.name(), g.description(), true));
    }

    @Override
    public synchronized List<GroupMembership> groupMemberships(long groupId) {
        count("GET /api/v2/groups/{id}/memberships", 1, false);
        return memberships.values().stream().filter(m -> m.groupId() == groupId).toList();
    }

    @Override
    public synchronized List<MembershipWriteResult> createMemberships(List<GroupMembership> wanted) {
        count("POST /api/v2/group_memberships/create_many", wanted.size(), true);
        List<MembershipWriteResult> results = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            GroupMembership m = wanted.get(i);
            ZendeskUser u = users.get(m.userId());
            boolean exists = memberships.values().stream().anyMatch(x -> x.userId() == m.userId() && x.groupId() == m.groupId());
            if (u == null || !List.of("agent", "admin").contains(u.role().toLowerCase(Locale.ROOT))) {
                results.add(new MembershipWriteResult(i, null, new ZendeskError(0, "RecordInvalid", "User must be an agent", List.of(), false)));
            } else if (exists) {
                results.add(new MembershipWriteResult(i, null, new ZendeskError(0, "RecordInvalid", "User is already a member of this group", List.of(), false)));
            } else {
                GroupMembership created = new GroupMembership(ids.incrementAndGet(), m.userId(), m.groupId());
                memberships.put(created.id(), created);
                results.add(new MembershipWriteResult(i, created.id(), null));
            }
        }
        return results;
    }

    @Override
    public synchronized void deleteMemberships(List<Long> membershipIds) {
        count("DELETE /api/v2/group_memberships/destroy_many", membershipIds.size(), true);
        membershipIds.forEach(memberships::remove);
    }

    @Override
    public synchronized List<CustomRole> customRoles() {
        count("GET /api/v2/custom_roles", 1, false);
        if (failCustomRoles != null) throw failCustomRoles;
        return List.copyOf(customRoles);
    }

    @Override
    public synchronized RequestStats requestStats() {
        return new RequestStats(total, writes, 0, byEndpoint);
    }
}
