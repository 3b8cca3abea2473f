package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class AzureProvisionedMembershipStoreTest extends ProvisionedMembershipStoreContract {
    private AzuriteExtension.Azurite azurite;

    @BeforeEach
    void useAzurite(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @Override
    protected StateStores createStores() {
        return AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
    }
}
