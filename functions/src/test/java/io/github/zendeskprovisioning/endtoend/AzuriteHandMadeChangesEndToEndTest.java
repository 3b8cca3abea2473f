package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class AzuriteHandMadeChangesEndToEndTest extends HandMadeChangesEndToEndContract {
    private final AzuriteExtension.Azurite azurite;

    AzuriteHandMadeChangesEndToEndTest(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @Override
    protected StateStores createStores() {
        return AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
    }
}
