package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.testing.ManualClock;

import java.time.Duration;
import java.time.Instant;

class InMemoryMessageQueueTest extends MessageQueueContract {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Override
    protected StateStores createStores() {
        return InMemoryStateStores.create(clock);
    }

    @Override
    protected void letTimePass(Duration time) {
        clock.advance(time);
    }
}
