package io.github.zendeskprovisioning.wiring;

import io.github.zendeskprovisioning.engine.ConnectionTest;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.ports.StateStores;

import java.util.List;

/** The assembled product: settings, engine, the stores it uses, and what to close at the end. */
public record Product(Settings settings, ProvisioningEngine engine, StateStores stores, List<AutoCloseable> resources)
        implements AutoCloseable {

    public ConnectionTest.Result testConnection() {
        return new ConnectionTest(engine.context()).run();
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // Closing is best effort; nothing is left half-written by it.
            }
        }
    }
}
