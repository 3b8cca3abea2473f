package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.ports.ProvisionedMembershipStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A group batch that dies after its Zendesk writes is delivered again and reports what its first delivery did. */
class GroupBatchRedeliveryTest {
    private final Tenant t = new Tenant();

    /** The worker is gone (an Error, so no handler code takes it for a failed call). */
    private static final class Killed extends Error {
        Killed() {
            super("worker killed", null, false, false);
        }
    }

    @Test
    void aGroupBatchKilledAfterCreatingTheGroupAndItsMembershipsIsReportedAsCreatedOnRedelivery() {
        String group = t.entra.addGroup("Support");
        for (int i = 0; i < 2; i++) {
            String user = t.entra.addUser("u" + i + "@contoso.com", "User " + i);
            t.entra.assign(user, false, FakeEntra.ROLE_AGENT);
            t.entra.addMember(group, user);
        }
        t.entra.assign(group, true, FakeEntra.ROLE_AGENT);
        StateStores real = InMemoryStateStores.create(t.clock);
        AtomicBoolean killOnce = new AtomicBoolean(true);
        // Dies right after recording the memberships it made: the group, its link and both memberships exist.
        ProvisionedMembershipStore dying = (ProvisionedMembershipStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ProvisionedMembershipStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real.memberships(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("record") && !((java.util.Collection<?>) args[0]).isEmpty() && killOnce.getAndSet(false)) {
                        throw new Killed();
                    }
                    return result;
                });
        t.stores = new StateStores(real.links(), real.cycles(), real.log(), real.escrow(), real.scope(), real.queues(), dying,
                real.retention());

        CycleRecord end = runKillingOnce(t.engine());

        assertTrue(!killOnce.get(), "the group batch was killed once");
        assertEquals(List.of("Support"), t.zendesk.allGroups().stream().map(ZendeskGroup::name).toList(), "one group, made once");
        assertEquals(2, t.zendesk.membersOf(t.zendesk.allGroups().get(0).id()).size());
        List<ProvisioningLogEntry> entries = real.log().query(new LogQuery(end.cycleId(), group, null, null), 10, null).entries().stream()
                .filter(e -> e.kind() == ObjectKind.GROUP).toList();
        assertEquals(1, entries.size(), "one entry for the group: " + entries);
        ProvisioningLogEntry entry = entries.get(0);
        assertEquals(ProvisioningAction.CREATE, entry.action());
        assertEquals(ProvisioningStatus.SUCCESS, entry.status());
        assertEquals("created Zendesk group 'Support'", entry.reason());
        assertTrue(entry.modified().contains(new ModifiedProperty("members", null, "added 2, removed 0")),
                "the memberships the first delivery made: " + entry.modified());
        assertEquals(3, end.count("Create.Success"), "two users and the group");
        assertEquals(0, end.count(Counts.UNCHANGED));
    }

    /** Runs the cycle as a process would; a killed handler's message comes back after its visibility timeout. */
    private CycleRecord runKillingOnce(ProvisioningEngine engine) {
        String cycleId = engine.startCycle(false, false, "test").cycle().cycleId();
        MessageQueue plan = t.stores.queues().queue(CycleQueues.PLAN);
        MessageQueue work = t.stores.queues().queue(CycleQueues.WORK);
        for (int round = 0; round < 500; round++) {
            CycleRecord c = t.stores.cycles().find(cycleId).orElseThrow();
            if (c.finishedAt() != null) return c;
            if (!handleOne(engine, plan) & !handleOne(engine, work)) {
                t.clock.advance(Duration.ofSeconds(31));
                engine.keepAlive("test");
            }
        }
        throw new AssertionError("cycle " + cycleId + " never ended");
    }

    private static boolean handleOne(ProvisioningEngine engine, MessageQueue queue) {
        List<QueueMessage> got = queue.receive(1, Duration.ofSeconds(30));
        if (got.isEmpty()) return false;
        try {
            engine.handle(got.get(0).body());
            queue.delete(got.get(0));
        } catch (Killed e) {
            // The message stays invisible until its timeout, then comes back.
        }
        return true;
    }
}
