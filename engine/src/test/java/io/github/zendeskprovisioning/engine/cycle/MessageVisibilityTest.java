package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner keeps a message it is still handling hidden, as the Functions host does. */
class MessageVisibilityTest {

    @Test
    void aBatchHandledLongerThanTheVisibilityTimeoutIsNotDeliveredToASecondWorker() throws Exception {
        Tenant t = new Tenant();
        t.stores = InMemoryStateStores.create(t.clock);
        for (int i = 0; i < 3; i++) t.entra.assign(t.entra.addUser("u" + i + "@contoso.com", "User " + i), false, FakeEntra.ROLE_AGENT);
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        t.zendesk.beforeCreateUsers = () -> {
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(false, false, "test").cycle().cycleId();
        var work = t.stores.queues().queue(CycleQueues.WORK);
        List<String> problems = new ArrayList<>();
        try (CycleRunner runner = new CycleRunner(engine, Duration.ofSeconds(30), 5, 1, problems::add)) {
            while (arrived.getCount() > 0) {
                runner.pumpOnce();
                Thread.sleep(5);
            }
            // The batch is held inside Zendesk's create for three visibility timeouts, the runner pumping as it does.
            for (int i = 0; i < 9; i++) {
                t.clock.advance(Duration.ofSeconds(11));
                runner.pumpOnce();
                assertTrue(work.receive(1, Duration.ofSeconds(30)).isEmpty(), "the batch came back while it was being handled");
            }
            release.countDown();
            assertEquals(CycleStatus.COMPLETED, runner.runToEnd(cycleId, Duration.ofMinutes(1), c -> { }).status());
        }
        assertEquals(1, t.zendesk.requestsTo("POST /api/v2/users/create_many"), "the batch was sent to Zendesk once");
        assertEquals(3, t.zendesk.allUsers().size());
        assertEquals(0, work.approximateCount(), "the handled batch was deleted with its latest pop receipt");
        assertTrue(problems.isEmpty(), String.valueOf(problems));
    }

    @Test
    void aMessageReceivedAgainByAnotherWorkerIsNoLongerExtendedByTheFirst() {
        Tenant t = new Tenant();
        t.stores = InMemoryStateStores.create(t.clock);
        var queue = t.stores.queues().queue(CycleQueues.WORK);
        queue.send("body", Duration.ZERO);
        var first = queue.receive(1, Duration.ofSeconds(30)).get(0);
        var extended = queue.extendVisibility(first, Duration.ofSeconds(30));
        t.clock.advance(Duration.ofSeconds(31));
        var second = queue.receive(1, Duration.ofSeconds(30)).get(0);
        assertEquals(2, second.dequeueCount());
        org.junit.jupiter.api.Assertions.assertThrows(io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException.class,
                () -> queue.extendVisibility(extended, Duration.ofSeconds(30)));
    }
}
