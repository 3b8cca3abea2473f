package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;

class InMemoryCycleStoreTest extends CycleStoreContract {
    @Override
    protected StateStores createStores() {
        return InMemoryStateStores.create();
    }
}
