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
 * The user links a user batch starts from. In an initial cycle every user of the tenant comes in some batch, and
 * point reads would cost one table read per user: there this process reads all user links once per cycle, in
 * pages, and answers its batches from that copy, which it keeps up to date with the links it writes itself.
 * Links that another process writes during the cycle are missing from the copy: such a user looks unlinked, its
 * create is refused by Zendesk's unique external id and it is matched by that id, so a stale copy costs an extra
 * request, never a duplicate (and a redelivered batch still reports its earlier write, from its intents).
 * Other cycles (a delta's few users, a retry, provisioning on demand) read each batch's links by point reads.
 */
final class UserLinks {
    private final LinkStore store;
    private String copyOf;
    private Map<String, Link> copy;

    UserLinks(LinkStore store) {
        this.store = store;
    }

    /** The links of these users; {@code wholeTenant}: the cycle reads every user (an initial cycle). */
    Map<String, Link> find(String cycleId, boolean wholeTenant, Collection<String> ids) {
        if (!wholeTenant) return store.find(ObjectKind.USER, ids);
        Map<String, Link> all = copy(cycleId);
        Map<String, Link> found = new LinkedHashMap<>();
        synchronized (this) {
            for (String id : ids) {
                Link link = all.get(id);
                if (link != null) found.put(id, link);
            }
        }
        return found;
    }

    /** Links this process has just stored: the copy of their cycle holds them from now on. */
    synchronized void written(String cycleId, List<Link> links) {
        if (copy == null || !cycleId.equals(copyOf)) return;
        for (Link l : links) copy.put(l.entraId(), l);
    }

    private synchronized Map<String, Link> copy(String cycleId) {
        if (copy == null || !cycleId.equals(copyOf)) {
            copy = null;
            Map<String, Link> read = new HashMap<>();
            for (Link l : store.all(ObjectKind.USER)) read.put(l.entraId(), l);
            copy = read;
            copyOf = cycleId;
        }
        return copy;
    }
}
