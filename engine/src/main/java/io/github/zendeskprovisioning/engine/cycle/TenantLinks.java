package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The links the batches of an initial cycle start from. In an initial cycle every user of the tenant comes in some
 * batch, and point reads would cost one table read per user (and per member of every group): there this process
 * reads all links of a kind once per cycle, in pages, and answers its batches from that copy, which it keeps up
 * to date with the user links it writes itself. Other cycles (a delta's few users, a retry, provisioning on demand)
 * read by point reads.
 *
 * <p>User batches: links that another process writes during the cycle are missing from the copy; such a user
 * looks unlinked, its create is refused by Zendesk's unique external id and it is matched by that id, so a stale
 * copy costs an extra request, never a duplicate (and a redelivered batch still reports its earlier write, from
 * its intents).
 *
 * <p>Group batches decide memberships from the members' links, where a stale link would drop or skip a membership:
 * they ask for {@link #membersOf a copy read after the user batches}. {@code CycleProgress} starts the GROUPS phase
 * only when every user batch of the cycle is done, and the user links of a cycle are written by its user batches
 * (its suspensions and deletions come later, in FINISH), so the copy a process reads at its first group batch holds
 * every user link of the cycle.
 *
 * <p>Group links, for the groups a new agent joins, are read whole once per cycle too (a tenant has far fewer
 * groups than users): user batches run before the cycle writes any group, so that copy is the cycle's start;
 * a group the cycle links later is reconciled in the GROUPS phase, which adds its members then.
 */
final class TenantLinks {
    private final LinkStore store;
    private String usersOf;
    private boolean usersAfterUserBatches;
    private Map<String, Link> users;
    private String groupsOf;
    private Map<String, Link> groups;

    TenantLinks(LinkStore store) {
        this.store = store;
    }

    /** The links of these users, for a user batch; {@code wholeTenant}: the cycle reads every user (an initial cycle). */
    Map<String, Link> users(String cycleId, boolean wholeTenant, Collection<String> ids) {
        if (!wholeTenant) {
            drop(cycleId);
            return store.find(ObjectKind.USER, ids);
        }
        return pick(userCopy(cycleId, false), ids);
    }

    /** The links of these users (a group's members), for a group batch: from a copy read after every user batch. */
    Map<String, Link> membersOf(String cycleId, boolean wholeTenant, Collection<String> ids) {
        if (!wholeTenant) {
            drop(cycleId);
            return ids.isEmpty() ? Map.of() : store.find(ObjectKind.USER, ids);
        }
        return pick(userCopy(cycleId, true), ids);
    }

    /** The links of these groups, for the new agents of a user batch. */
    Map<String, Link> groups(String cycleId, boolean wholeTenant, Collection<String> ids) {
        if (!wholeTenant) {
            drop(cycleId);
            return ids.isEmpty() ? Map.of() : store.find(ObjectKind.GROUP, ids);
        }
        return pick(groupCopy(cycleId), ids);
    }

    /** User links this process has just stored: the copy of their cycle holds them from now on. */
    synchronized void written(String cycleId, List<Link> links) {
        if (users == null || !cycleId.equals(usersOf)) return;
        for (Link l : links) users.put(l.entraId(), l.withoutWrittenValues());
    }

    private synchronized Map<String, Link> pick(Map<String, Link> all, Collection<String> ids) {
        Map<String, Link> found = new LinkedHashMap<>();
        for (String id : ids) {
            Link link = all.get(id);
            if (link != null) found.put(id, link);
        }
        return found;
    }

    /** A batch of another cycle that is not initial: the copies of an earlier cycle would only hold memory. */
    private synchronized void drop(String cycleId) {
        if (users != null && !cycleId.equals(usersOf)) users = null;
        if (groups != null && !cycleId.equals(groupsOf)) groups = null;
    }

    private synchronized Map<String, Link> userCopy(String cycleId, boolean afterUserBatches) {
        boolean current = users != null && cycleId.equals(usersOf) && (usersAfterUserBatches || !afterUserBatches);
        if (!current) {
            users = null;
            users = readAll(ObjectKind.USER);
            usersOf = cycleId;
            usersAfterUserBatches = afterUserBatches;
        }
        return users;
    }

    private synchronized Map<String, Link> groupCopy(String cycleId) {
        if (groups == null || !cycleId.equals(groupsOf)) {
            groups = null;
            groups = readAll(ObjectKind.GROUP);
            groupsOf = cycleId;
        }
        return groups;
    }

    private Map<String, Link> readAll(ObjectKind kind) {
        Map<String, Link> read = new HashMap<>();
        // Without the written values: an initial cycle compares with live records, and a tenant's worth would cost memory.
        for (Link l : store.all(kind)) read.put(l.entraId(), l.withoutWrittenValues());
        return read;
    }
}
