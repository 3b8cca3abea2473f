package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the user batches cost in link reads. A batch lookup is point reads (one row each: the store never scans
 * every link of a kind for it), so an initial cycle, which reads every user, reads all user links once per
 * process in pages instead; an incremental cycle reads the few links its changed users have.
 */
class LinkLookupCostTest {
    private final Tenant t = new Tenant();
    private final CountingLinks links = new CountingLinks(t.stores.links());

    LinkLookupCostTest() {
        StateStores real = t.stores;
        t.stores = new StateStores(links, real.cycles(), real.log(), real.escrow(), real.scope(), real.queues(),
                real.memberships(), real.retention());
    }

    private List<String> assigned(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = t.entra.addUser("u" + i + "@contoso.com", "User " + i);
            t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void anInitialCycleReadsAllUserLinksOnceAndNoUserLinkByPointRead() {
        assigned(150);
        CycleRecord first = t.sync(true, false);
        assertEquals(150, first.count("Create.Success"));
        assertEquals(2, links.allUserReads, "one paged read for the planner and the user batches, one for the group batches after them");
        assertEquals(0, links.userPointReads, "no user link read one by one");

        links.reset();
        CycleRecord again = t.sync(true, false);
        assertEquals(150, again.count("unchanged"));
        assertEquals(2, links.allUserReads, "a second initial cycle, every user linked: the same two paged reads");
        assertEquals(0, links.userPointReads);
    }

    @Test
    void anIncrementalCycleReadsOnlyTheLinksOfItsChangedUsers() {
        List<String> ids = assigned(150);
        t.sync(true, false);
        for (int i = 0; i < 3; i++) t.entra.update(ids.get(i), "displayName", "Renamed " + i);
        links.reset();
        CycleRecord changed = t.sync();
        assertEquals(3, changed.count("Update.Success"));
        assertEquals(0, links.allUserReads, "no read of every user link for three changed users");
        assertEquals(3, links.userPointReads, "one point read per changed user");
    }

    /** Counts user link reads: point reads (one row each) and paged reads of every user link. */
    private static final class CountingLinks implements LinkStore {
        private final LinkStore delegate;
        int userPointReads;
        int allUserReads;

        CountingLinks(LinkStore delegate) {
            this.delegate = delegate;
        }

        synchronized void reset() {
            userPointReads = 0;
            allUserReads = 0;
        }

        @Override
        public synchronized Optional<Link> find(ObjectKind kind, String entraId) {
            if (kind == ObjectKind.USER) userPointReads++;
            return delegate.find(kind, entraId);
        }

        @Override
        public synchronized Map<String, Link> find(ObjectKind kind, Collection<String> entraIds) {
            if (kind == ObjectKind.USER) userPointReads += entraIds.size();
            return delegate.find(kind, entraIds);
        }

        /** The orphans sweep's paged read: its first page starts one read of every user link. */
        @Override
        public synchronized io.github.zendeskprovisioning.engine.state.LinkPage activePage(ObjectKind kind, String continuation, int max) {
            if (kind == ObjectKind.USER && continuation == null) allUserReads++;
            return delegate.activePage(kind, continuation, max);
        }

        @Override
        public Link insert(Link link) {
            return delegate.insert(link);
        }

        @Override
        public Link update(Link link) {
            return delegate.update(link);
        }

        @Override
        public void upsertAll(List<Link> all) {
            delegate.upsertAll(all);
        }

        @Override
        public void delete(ObjectKind kind, String entraId) {
            delegate.delete(kind, entraId);
        }

        @Override
        public synchronized Iterable<Link> all(ObjectKind kind) {
            if (kind == ObjectKind.USER) allUserReads++;
            return delegate.all(kind);
        }

        @Override
        public void clear() {
            delegate.clear();
        }
    }
}
