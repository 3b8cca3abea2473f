package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

/** Azurite keeps real time, so the visibility tests wait about two seconds each. */
@ExtendWith(AzuriteExtension.class)
class AzureMessageQueueTest extends MessageQueueContract {
    private AzuriteExtension.Azurite azurite;

    @BeforeEach
    void useAzurite(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @Override
    protected StateStores createStores() {
        return AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
    }

    @Override
    protected void letTimePass(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
