package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;

class InMemoryHandMadeChangesEndToEndTest extends HandMadeChangesEndToEndContract {
    @Override
    protected StateStores createStores() {
        return InMemoryStateStores.create();
    }
}
