package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;

class InMemoryProvisionedMembershipStoreTest extends ProvisionedMembershipStoreContract {
    @Override
    protected StateStores createStores() {
        return InMemoryStateStores.create();
    }
}
