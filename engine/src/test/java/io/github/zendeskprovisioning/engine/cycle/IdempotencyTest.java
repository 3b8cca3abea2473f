package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.messages.MessageCodec;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.cycle.messages.UserBatch;
import io.github.zendeskprovisioning.engine.cycle.messages.UserWork;
import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyTest {
    private final Tenant t = new Tenant();

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
    void aWorkMessageDeliveredTwiceCreatesNobodyTwiceAndCountsOnce() throws Exception {
        assigned(30);
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(false, false, "test").cycle().cycleId();
        var work = t.stores.queues().queue(CycleQueues.WORK);
        var plan = t.stores.queues().queue(CycleQueues.PLAN);
        // Run planning until the user batch is on the work queue, then deliver it twice.
        while (work.approximateCount() == 0) {
            for (QueueMessage m : plan.receive(1, Duration.ofSeconds(30))) {
                engine.handle(m.body());
                plan.delete(m);
            }
        }
        QueueMessage batch = work.receive(1, Duration.ofSeconds(1)).get(0);
        engine.handle(batch.body());
        engine.handle(batch.body());
        work.delete(batch);
        CycleRecord end = new CycleRunner(engine, Duration.ofSeconds(1), 5, p -> { }).runToEnd(cycleId, Duration.ofMinutes(1), c -> { });

        assertEquals(30, t.zendesk.allUsers().size());
        assertEquals(30, end.count("Create.Success"));
        assertEquals(end.batchesEnqueued(), end.batchesDone());
    }

    @Test
    void aWorkerKilledAfterZendeskCreatedTheUsersLeavesNoDuplicateOnRedelivery() {
        List<String> ids = assigned(10);
        AtomicBoolean crashOnce = new AtomicBoolean(true);
        StateStores real = t.stores;
        LinkStore crashing = new CrashingLinks(real.links(), crashOnce);
        t.stores = new StateStores(crashing, real.cycles(), real.log(), real.escrow(), real.scope(), real.queues(),
                real.memberships(), real.retention());

        List<String> problems = new ArrayList<>();
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(false, false, "test").cycle().cycleId();
        CycleRecord end;
        try {
            end = new CycleRunner(engine, Duration.ofSeconds(1), 5, problems::add).runToEnd(cycleId, Duration.ofMinutes(1), c -> { });
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }

        assertEquals(1, problems.size(), "the batch failed once: " + problems);
        assertEquals(10, t.zendesk.allUsers().size(), "no duplicate");
        for (String id : ids) assertTrue(real.links().find(ObjectKind.USER, id).isPresent(), "linked on redelivery");
        assertEquals(io.github.zendeskprovisioning.engine.state.CycleStatus.COMPLETED, end.status());
    }

    @Test
    void unknownMessageVersionIsRefusedWithAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MessageCodec().decode("{\"v\":99,\"type\":\"UserBatch\",\"body\":{}}"));
        assertTrue(e.getMessage().contains("version 99"));
    }

    @Test
    void messagesStayFarBelowTheQueueLimitAndOversizedOnesAreRefused() {
        List<UserWork> users = new ArrayList<>();
        for (int i = 0; i < 100; i++) users.add(new UserWork("id-" + i, Map.of("displayName", "x".repeat(1000)), null, false));
        UserBatch huge = new UserBatch("c", "s", new RoleContext(List.of(new AppRole("r", "agent", "Agent", true)), List.of()), users);
        assertThrows(IllegalArgumentException.class, () -> new MessageCodec().encode(huge));
        UserBatch small = new UserBatch("c", "s", new RoleContext(List.of(), List.of()), users.subList(0, 10));
        assertEquals(small, new MessageCodec().decode(new MessageCodec().encode(small)));
    }

    /** A link store whose first batch write dies, as a worker killed half-way would. */
    private record CrashingLinks(LinkStore delegate, AtomicBoolean crash) implements LinkStore {
        public Optional<Link> find(ObjectKind kind, String entraId) {
            return delegate.find(kind, entraId);
        }

        public Map<String, Link> find(ObjectKind kind, Collection<String> entraIds) {
            return delegate.find(kind, entraIds);
        }

        public Link insert(Link link) {
            return delegate.insert(link);
        }

        public Link update(Link link) {
            return delegate.update(link);
        }

        public void upsertAll(List<Link> links) {
            if (crash.getAndSet(false)) throw new IllegalStateException("worker killed");
            delegate.upsertAll(links);
        }

        public void delete(ObjectKind kind, String entraId) {
            delegate.delete(kind, entraId);
        }

        public Iterable<Link> all(ObjectKind kind) {
            return delegate.all(kind);
        }

        public io.github.zendeskprovisioning.engine.state.LinkPage activePage(ObjectKind kind, String continuation, int max) {
            return delegate.activePage(kind, continuation, max);
        }

        public void clear() {
            delegate.clear();
        }
    }
}
