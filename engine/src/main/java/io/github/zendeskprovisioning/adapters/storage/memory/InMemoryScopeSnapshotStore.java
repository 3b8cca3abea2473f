package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.Membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Assignment generations (by principal, then assignment id) and group memberships indexed both ways. */
final class InMemoryScopeSnapshotStore implements ScopeSnapshotStore {
    private final Map<String, TreeMap<String, TreeMap<String, Assignment>>> generations = new HashMap<>();
    private final Map<String, TreeSet<String>> membersByGroup = new HashMap<>();
    private final Map<String, TreeSet<String>> groupsByUser = new HashMap<>();

    @Override
    public synchronized void saveAssignments(String generation, List<Assignment> assignments) {
        requireId(generation, "generation");
        for (Assignment a : assignments) {
            if (a == null || a.id() == null || a.id().isEmpty() || a.principalId() == null || a.principalId().isEmpty()) {
                throw new IllegalArgumentException("an assignment needs an id and a principal id");
            }
        }
        TreeMap<String, TreeMap<String, Assignment>> byPrincipal = generations.computeIfAbsent(generation, g -> new TreeMap<>());
        for (Assignment a : assignments) {
            byPrincipal.computeIfAbsent(a.principalId(), p -> new TreeMap<>()).put(a.id(), a);
        }
    }

    @Override
    public synchronized Map<String, List<Assignment>> assignmentsOf(String generation, Collection<String> principalIds) {
        Map<String, List<Assignment>> found = new LinkedHashMap<>();
        TreeMap<String, TreeMap<String, Assignment>> byPrincipal = generations.getOrDefault(generation, new TreeMap<>());
        for (String principal : principalIds) {
            TreeMap<String, Assignment> of = byPrincipal.get(principal);
            if (of != null && !of.isEmpty()) found.put(principal, List.copyOf(of.values()));
        }
        return found;
    }

    @Override
    public synchronized Iterable<Assignment> assignments(String generation) {
        List<Assignment> all = new ArrayList<>();
        generations.getOrDefault(generation, new TreeMap<>()).values().forEach(of -> all.addAll(of.values()));
        return all;
    }

    @Override
    public synchronized void deleteGeneration(String generation) {
        generations.remove(generation);
    }

    @Override
    public synchronized void addMembers(String groupId, Collection<String> userIds) {
        requireId(groupId, "group id");
        userIds.forEach(u -> requireId(u, "user id"));
        for (String user : userIds) {
            membersByGroup.computeIfAbsent(groupId, g -> new TreeSet<>()).add(user);
            groupsByUser.computeIfAbsent(user, u -> new TreeSet<>()).add(groupId);
        }
    }

    @Override
    public synchronized void removeMembers(String groupId, Collection<String> userIds) {
        for (String user : userIds) {
            unlink(groupId, user);
        }
    }

    @Override
    public synchronized void removeGroup(String groupId) {
        for (String user : new ArrayList<>(membersOf(groupId))) {
            unlink(groupId, user);
        }
    }

    @Override
    public synchronized Map<String, Set<String>> groupsOf(Collection<String> userIds) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (String user : userIds) {
            TreeSet<String> groups = groupsByUser.get(user);
            if (groups != null && !groups.isEmpty()) found.put(user, Set.copyOf(groups));
        }
        return found;
    }

    @Override
    public synchronized Set<String> membersOf(String groupId) {
        TreeSet<String> members = membersByGroup.get(groupId);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    @Override
    public synchronized Iterable<Membership> memberships() {
        List<Membership> all = new ArrayList<>();
        groupsByUser.forEach((user, groups) -> groups.forEach(group -> all.add(new Membership(user, group))));
        return all;
    }

    @Override
    public synchronized MemberPage membersPage(String groupId, String continuation, int max) {
        if (max < 1 || max > MAX_PAGE) throw new IllegalArgumentException("a page of members holds 1 to " + MAX_PAGE + ", not " + max);
        TreeSet<String> members = membersByGroup.getOrDefault(groupId, new TreeSet<>());
        List<String> page = new ArrayList<>();
        for (String user : continuation == null ? members : members.tailSet(continuation, false)) {
            if (page.size() == max) break;
            page.add(user);
        }
        // A full page may have more behind it; a short one was the last.
        return new MemberPage(page, page.size() == max ? page.get(max - 1) : null);
    }

    @Override
    public synchronized void clear() {
        generations.clear();
        membersByGroup.clear();
        groupsByUser.clear();
    }

    private void unlink(String groupId, String userId) {
        TreeSet<String> members = membersByGroup.get(groupId);
        if (members != null && members.remove(userId) && members.isEmpty()) membersByGroup.remove(groupId);
        TreeSet<String> groups = groupsByUser.get(userId);
        if (groups != null && groups.remove(groupId) && groups.isEmpty()) groupsByUser.remove(userId);
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("a " + what + " must not be empty");
    }
}
