package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;

class InMemoryRetentionTest extends RetentionContract {
    @Override
    protected StateStores createStores() {
        return InMemoryStateStores.create();
    }

    @Override
    protected int rowsPerLogEntry() {
        return 1;
    }

    @Override
    protected int rowsPerCycleRecord() {
        return 1;
    }
}
