package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the cycle's own bookkeeping asks of the cycle store per message: a plan step reads the record once (where
 * its message is taken; no step marker while the record names the step as due), claims the step with a write on
 * condition of that read, and completes from the claimed
 * record with its request counts in the same write; a work batch reads nothing beyond its message's read and its
 * completion. Counted as calls to the port, by the engine code that makes them (held: from a record the caller holds,
 * which costs Table Storage no read).
 */
class CycleBookkeepingCostTest {
    private static final String ENGINE = ProvisioningEngine.class.getName();

    private final Tenant t = new Tenant();
    private final Map<String, Integer> calls = new TreeMap<>();

    CycleBookkeepingCostTest() {
        StateStores real = t.stores;
        t.stores = new StateStores(real.links(), counting(real.cycles()), real.log(), real.escrow(), real.scope(),
                real.queues(), real.memberships(), real.retention());
        t.entra.pageSize = 40;
        String group = t.entra.addGroup("Support");
        t.entra.assign(group, true, FakeEntra.ROLE_AGENT);
        for (int u = 0; u < 250; u++) t.entra.addMember(group, t.entra.addUser("u" + u + "@contoso.com", "User " + u));
    }

    /** Where a call comes from: the first engine frame that tells what the call is for. */
    private static String context() {
        return StackWalker.getInstance().walk(frames -> frames.map(f -> {
            String c = f.getClassName();
            String m = f.getMethodName();
            if (c.equals(CycleFinisher.class.getName())) return "finish";
            if (c.equals(UserBatchProcessor.class.getName()) || c.startsWith(GroupBatchProcessor.class.getName())) return "work";
            if (c.equals(CycleProgress.class.getName()) && m.equals("advanceIfDone")) return "advance";
            if (c.equals(ENGINE) && m.equals("afterBatch")) return "batch";
            if (c.equals(ENGINE) && m.equals("handlePlanStep")) return "plan";
            if (c.equals(ENGINE) && m.equals("handle")) return "message";
            return null;
        }).filter(java.util.Objects::nonNull).findFirst().orElse("other"));
    }

    private CycleStore counting(CycleStore delegate) {
        return (CycleStore) Proxy.newProxyInstance(CycleStore.class.getClassLoader(), new Class<?>[]{CycleStore.class},
                (proxy, method, args) -> {
                    String what = context() + "." + method.getName()
                            + (args != null && args.length > 0 && args[0] instanceof CycleRecord ? "(held)" : "");
                    synchronized (calls) {
                        calls.merge(what, 1, Integer::sum);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private int count(String what) {
        synchronized (calls) {
            return calls.getOrDefault(what, 0);
        }
    }

    @Test
    void aPlanStepReadsTheRecordOnceAndWritesItTwiceAndABatchOnlyCompletesFromAFreshRead() {
        CycleRecord cycle = t.sync(true, false);
        assertEquals(251, cycle.count("Create.Success"), "every user and the group created");

        int deliveries = count("plan.update(held)"); // every plan message claims its step, the finish step's too
        int planned = count("plan.completeStep(held)"); // every planning step, completed from its claimed record
        int batches = count("batch.completeStep");
        assertTrue(planned >= 10, "a chain of planning steps (250 users, 40 a page): " + calls);
        assertTrue(batches >= 3, "work batches: " + calls);

        assertEquals(0, count("plan.stepDone"), "the record read with the message names the step as due: no marker read: " + calls);
        assertEquals(0, count("plan.update"), "each delivery claims its step from the record it read, not by id: " + calls);
        assertEquals(2, deliveries - planned, "the finish step's two deliveries (decide, then complete) are the only others: " + calls);
        assertEquals(0, count("plan.find"), "a planning step reads the record only where its message is taken: " + calls);
        assertEquals(0, count("plan.completeStep"), "nor before completing: " + calls);
        assertEquals(deliveries + batches, count("message.find"), "one read of the record per message: " + calls);
        assertEquals(0, count("batch.find"), "a batch done at its first delivery reads nothing more: " + calls);
        assertEquals(0, count("advance.find"), "moving the phase on starts from the record its caller holds: " + calls);
        assertEquals(0, count("advance.completeStep"), calls.toString());
    }

    @Test
    void aPlanStepDeliveredAgainAfterItCompletedIsKnownByItsMarkerAndCountsItsRequestsOnce() throws InterruptedException {
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(true, false, "test").cycle().cycleId();
        var plan = t.stores.queues().queue(CycleQueues.PLAN);
        QueueMessage first = plan.receive(1, Duration.ofSeconds(30)).get(0);
        long graphBefore = t.entra.requests();

        engine.handle(first.body());

        long graphOfTheStep = t.entra.requests() - graphBefore;
        assertTrue(graphOfTheStep > 0, "the step read Entra");
        CycleRecord afterFirst = t.stores.cycles().find(cycleId).orElseThrow();
        assertEquals(graphOfTheStep, afterFirst.count(RequestMeter.GRAPH_REQUESTS), "counted with the step's completion");
        assertEquals(0, count("plan.stepDone"), "the first delivery found its step due in the record: " + calls);

        engine.handle(first.body());

        assertEquals(graphOfTheStep, t.entra.requests() - graphBefore, "the done step was not planned again");
        assertEquals(1, count("plan.stepDone"), "the record names the next step: the marker tells this one is done: " + calls);
        CycleRecord afterSecond = t.stores.cycles().find(cycleId).orElseThrow();
        assertEquals(afterFirst.counts(), afterSecond.counts(), "nothing counted twice");
        assertEquals(afterFirst.control().planStep(), afterSecond.control().planStep());
        plan.delete(first);

        CycleRecord end = new CycleRunner(engine, Duration.ofSeconds(1), 5, p -> { }).runToEnd(cycleId, Duration.ofMinutes(1), c -> { });
        assertEquals(CycleStatus.COMPLETED, end.status(), end.statusReason());
        assertEquals(251, end.count("Create.Success"), "every user and the group created once");
        assertEquals(251, t.zendesk.allUsers().size() + t.zendesk.allGroups().size(), "none twice");
    }
}
