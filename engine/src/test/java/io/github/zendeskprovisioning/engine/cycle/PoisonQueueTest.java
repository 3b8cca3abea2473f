package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.fakes.MutableClock;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoisonQueueTest {

    @Test
    void aMessageThatFailsMaxDequeueCountTimesMovesToThePoisonQueueAndTheOthersGoOn() throws Exception {
        Tenant t = new Tenant();
        MutableClock clock = t.clock;
        t.stores = InMemoryStateStores.create(clock);
        var work = t.stores.queues().queue(CycleQueues.WORK);
        work.send("{\"v\":1,\"type\":\"NoSuchThing\",\"body\":{}}", Duration.ZERO);
        List<String> problems = new ArrayList<>();
        try (CycleRunner runner = new CycleRunner(t.engine(), Duration.ofSeconds(30), 5, 2, problems::add)) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                runner.drainOnce();
                clock.advance(Duration.ofSeconds(31)); // the visibility timeout passes; the message comes back
            }
            runner.drainOnce();
        }
        assertEquals(0, work.approximateCount());
        List<QueueMessage> poisoned = t.stores.queues().queue(CycleQueues.WORK + "-poison").receive(1, Duration.ofSeconds(30));
        assertEquals(1, poisoned.size());
        assertTrue(poisoned.get(0).body().contains("NoSuchThing"));
        assertEquals(5, problems.size(), String.valueOf(problems));
        assertTrue(problems.get(4).contains("moved to provisioning-work-poison"), problems.get(4));
        assertTrue(problems.get(0).contains("unknown message type"), problems.get(0));
    }
}
