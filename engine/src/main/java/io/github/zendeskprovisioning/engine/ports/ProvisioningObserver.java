package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.ObjectFailure;

/** Told what the engine did, for telemetry (structured events and metrics). Must not throw. */
public interface ProvisioningObserver {
    void cycleFinished(CycleSummary summary);

    void objectFailed(ObjectFailure failure);

    ProvisioningObserver NONE = new ProvisioningObserver() {
        @Override
        public void cycleFinished(CycleSummary summary) {
        }

        @Override
        public void objectFailed(ObjectFailure failure) {
        }
    };
}
