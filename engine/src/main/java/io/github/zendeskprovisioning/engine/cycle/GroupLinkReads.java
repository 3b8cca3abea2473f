package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The links of a batch (or a page) of groups, read fresh from the store at the lower of two costs: a point read per
 * group, or the GROUP partition whole (a read per {@value LinkStore#MAX_PAGE} links; a tenant has far fewer groups
 * than users, so usually one read). Which is lower depends on how many group links there are, learnt from the last
 * whole read (at first one page is assumed).
 *
 * <p>Fresh, not a copy kept for the cycle as the user batches' ({@link TenantLinks}): a group batch decides from its
 * links whether to create a Zendesk group, and unlike a user (whose create Zendesk refuses for a taken external id)
 * nothing in Zendesk stops a second group for an Entra group whose link a stale copy missed (one a redelivered or
 * retried batch of the same cycle wrote meanwhile, under a name changed since).
 */
final class GroupLinkReads {
    private final LinkStore store;
    /** Group links seen by the last whole read; read and written without a lock (an estimate: any value is safe). */
    private volatile int known;

    GroupLinkReads(LinkStore store) {
        this.store = store;
    }

    Map<String, Link> of(Collection<String> groupIds) {
        Set<String> wanted = new LinkedHashSet<>(groupIds);
        if (wanted.isEmpty()) return Map.of();
        int wholeReads = known / LinkStore.MAX_PAGE + 1;
        if (wanted.size() <= wholeReads) return store.find(ObjectKind.GROUP, wanted);
        Map<String, Link> found = new LinkedHashMap<>();
        int read = 0;
        for (Link l : store.all(ObjectKind.GROUP)) {
            read++;
            if (wanted.contains(l.entraId())) found.put(l.entraId(), l);
        }
        known = read;
        return found;
    }
}
