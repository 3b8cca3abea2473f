package io.github.zendeskprovisioning.engine.fakes;

import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraGroup;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.GroupChange;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.directory.UserChange;
import io.github.zendeskprovisioning.engine.ports.EntraSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An in-memory Entra tenant for engine tests, with delta rounds (a version counter), soft and hard deletes,
 * member changes, app roles and assignments. Pages hold {@code pageSize} items so paging is exercised.
 */
public final class FakeEntra implements EntraSource {
    public static final String SP = "sp-zendesk";
    public static final String ROLE_AGENT = "role-agent";
    public static final String ROLE_ADMIN = "role-admin";
    public static final String ROLE_END_USER = "role-end-user";

    private record UserState(Map<String, String> attributes, Removal removal, long version) {
    }

    private record GroupState(String name, Set<String> members, Removal removal, long version) {
    }

    private record MemberChange(long version, String groupId, String userId, boolean added) {
    }

    private final Map<String, UserState> users = new TreeMap<>();
    private final Map<String, GroupState> groups = new TreeMap<>();
    private final List<MemberChange> memberChanges = new ArrayList<>();
    private final Map<String, Assignment> assignments = new LinkedHashMap<>();
    private final List<AppRole> appRoles = new ArrayList<>(List.of(
            new AppRole(ROLE_END_USER, "end-user", "End user", true),
            new AppRole(ROLE_AGENT, "agent", "Agent", true),
            new AppRole(ROLE_ADMIN, "admin", "Admin", true)));
    private long version;
    private long requests;
    public int pageSize = 50;
    /** The next this many reads fail. */
    public int failReads;

    public synchronized void addAppRole(String id, String value) {
        appRoles.add(new AppRole(id, value, value, true));
    }

    public synchronized String addUser(String upn, String displayName) {
        String id = UUID.nameUUIDFromBytes(upn.getBytes()).toString();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("userPrincipalName", upn);
        a.put("mail", upn);
        a.put("displayName", displayName);
        a.put("accountEnabled", "true");
        users.put(id, new UserState(a, Removal.NONE, ++version));
        return id;
    }

    public synchronized void update(String id, String attribute, String value) {
        UserState u = users.get(id);
        Map<String, String> a = new LinkedHashMap<>(u.attributes());
        if (value == null) a.remove(attribute); else a.put(attribute, value);
        users.put(id, new UserState(a, u.removal(), ++version));
    }

    public synchronized void remove(String id, Removal how) {
        UserState u = users.get(id);
        users.put(id, new UserState(u.attributes(), how, ++version));
    }

    public synchronized String addGroup(String name) {
        String id = UUID.nameUUIDFromBytes(("group:" + name).getBytes()).toString();
        groups.put(id, new GroupState(name, new LinkedHashSet<>(), Removal.NONE, ++version));
        return id;
    }

    public synchronized void addMember(String groupId, String userId) {
        GroupState g = groups.get(groupId);
        g.members().add(userId);
        long v = ++version;
        memberChanges.add(new MemberChange(v, groupId, userId, true));
        groups.put(groupId, new GroupState(g.name(), g.members(), g.removal(), v));
    }

    public synchronized void removeMember(String groupId, String userId) {
        GroupState g = groups.get(groupId);
        g.members().remove(userId);
        long v = ++version;
        memberChanges.add(new MemberChange(v, groupId, userId, false));
        groups.put(groupId, new GroupState(g.name(), g.members(), g.removal(), v));
    }

    public synchronized void assign(String principalId, boolean group, String roleId) {
        String id = principalId + "/" + roleId;
        assignments.put(id, new Assignment(id, principalId, group ? PrincipalType.GROUP : PrincipalType.USER, roleId, principalId));
    }

    public synchronized void unassign(String principalId) {
        assignments.values().removeIf(a -> a.principalId().equals(principalId));
    }

    public synchronized long requests() {
        return requests;
    }

    private void read() {
        requests++;
        if (failReads > 0) {
            failReads--;
            throw new EntraReadException("Graph answered 503 Service Unavailable three times");
        }
    }

    @Override
    public synchronized List<AppRole> appRoles(String servicePrincipalId) {
        read();
        return List.copyOf(appRoles);
    }

    @Override
    public synchronized Page<Assignment> assignments(String servicePrincipalId, String pageToken) {
        read();
        List<Assignment> all = new ArrayList<>(assignments.values());
        int offset = pageToken == null ? 0 : Integer.parseInt(pageToken);
        int end = Math.min(all.size(), offset + pageSize);
        return new Page<>(all.subList(offset, end), end < all.size() ? String.valueOf(end) : null, null);
    }

    /** Token forms: "next:since:offset:snapshot" within a round, "delta:snapshot" between rounds. */
    private record Round(long since, int offset, long snapshot) {
    }

    private Round round(String token) {
        if (token == null) return new Round(-1, 0, version);
        String[] p = token.split(":");
        if (p[0].equals("delta")) return new Round(Long.parseLong(p[1]), 0, version);
        return new Round(Long.parseLong(p[1]), Integer.parseInt(p[2]), Long.parseLong(p[3]));
    }

    private <T> Page<T> page(List<T> all, Round r) {
        int end = Math.min(all.size(), r.offset() + pageSize);
        List<T> items = all.subList(r.offset(), end);
        return end < all.size() ? new Page<>(items, "next:" + r.since() + ":" + end + ":" + r.snapshot(), null)
                : new Page<>(items, null, "delta:" + r.snapshot());
    }

    @Override
    public synchronized Page<UserChange> userChanges(String pageToken) {
        read();
        Round r = round(pageToken);
        List<UserChange> all = new ArrayList<>();
        users.forEach((id, u) -> {
            if (u.version() <= r.since() || u.version() > r.snapshot()) return;
            if (r.since() < 0 && u.removal() != Removal.NONE) return;
            all.add(u.removal() == Removal.NONE ? UserChange.present(new EntraUser(id, u.attributes()))
                    : new UserChange(new EntraUser(id, Map.of()), u.removal()));
        });
        return page(all, r);
    }

    @Override
    public synchronized Page<GroupChange> groupChanges(String pageToken) {
        read();
        Round r = round(pageToken);
        List<GroupChange> all = new ArrayList<>();
        groups.forEach((id, g) -> {
            if (g.version() <= r.since() || g.version() > r.snapshot()) return;
            if (r.since() < 0 && g.removal() != Removal.NONE) return;
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            if (r.since() < 0) {
                added.addAll(g.members());
            } else {
                Map<String, Boolean> net = new LinkedHashMap<>();
                for (MemberChange c : memberChanges) {
                    if (c.groupId().equals(id) && c.version() > r.since() && c.version() <= r.snapshot()) net.put(c.userId(), c.added());
                }
                net.forEach((u, add) -> (add ? added : removed).add(u));
            }
            all.add(new GroupChange(new EntraGroup(id, g.name(), null), g.removal(), added, removed));
        });
        return page(all, r);
    }

    @Override
    public synchronized List<EntraUser> usersByIds(Collection<String> ids) {
        read();
        List<EntraUser> result = new ArrayList<>();
        for (String id : ids) {
            UserState u = users.get(id);
            if (u != null && u.removal() == Removal.NONE) result.add(new EntraUser(id, u.attributes()));
        }
        return result;
    }

    @Override
    public synchronized Optional<EntraUser> user(String id) {
        read();
        UserState u = users.get(id);
        return u == null || u.removal() != Removal.NONE ? Optional.empty() : Optional.of(new EntraUser(id, u.attributes()));
    }

    @Override
    public synchronized Optional<EntraGroup> group(String id) {
        read();
        GroupState g = groups.get(id);
        return g == null || g.removal() != Removal.NONE ? Optional.empty() : Optional.of(new EntraGroup(id, g.name(), null));
    }

    @Override
    public synchronized Page<String> groupMemberIds(String groupId, String pageToken) {
        read();
        GroupState g = groups.get(groupId);
        List<String> all = g == null ? List.of() : new ArrayList<>(g.members());
        int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
        int to = Math.min(all.size(), from + pageSize);
        return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null, null);
    }

    @Override
    public synchronized long requestCount() {
        return requests;
    }
}
