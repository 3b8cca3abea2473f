package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;

class InMemoryEscrowStoreTest extends EscrowStoreContract {
    @Override
    protected StateStores createStores() {
        return InMemoryStateStores.create();
    }
}
