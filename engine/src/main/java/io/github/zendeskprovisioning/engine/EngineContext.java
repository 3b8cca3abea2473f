package io.github.zendeskprovisioning.engine;

import io.github.zendeskprovisioning.engine.ports.EntraSource;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.ports.ZendeskTarget;
import io.github.zendeskprovisioning.engine.settings.ProvisioningSettings;

import java.time.Clock;

/** Everything the engine works with, handed over by the wiring: settings and ports, nothing else. */
public record EngineContext(ProvisioningSettings settings, EntraSource entra, ZendeskTarget zendesk,
                            StateStores stores, ProvisioningObserver observer, Clock clock) {
    public EngineContext {
        observer = observer == null ? ProvisioningObserver.NONE : observer;
        clock = clock == null ? Clock.systemUTC() : clock;
    }
}
