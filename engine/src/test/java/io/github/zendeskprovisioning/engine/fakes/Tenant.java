package io.github.zendeskprovisioning.engine.fakes;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.settings.ProvisioningSettings;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleSummary;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ObjectFailure;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An Entra tenant, a Zendesk account and in-memory state, wired to an engine the way production is. */
public final class Tenant {
    public final FakeEntra entra = new FakeEntra();
    public final FakeZendesk zendesk = new FakeZendesk();
    public final MutableClock clock = new MutableClock();
    public StateStores stores = InMemoryStateStores.create();
    public final List<CycleSummary> summaries = new ArrayList<>();
    public final List<ObjectFailure> failures = new ArrayList<>();
    public final List<String> problems = new ArrayList<>();
    public ScopeMode scope = ScopeMode.ASSIGNED_ONLY;
    public MappingConfiguration mappings = MappingConfiguration.defaults();
    public int deleteThreshold = 500;

    public ProvisioningEngine engine() {
        ProvisioningSettings settings = new ProvisioningSettings(FakeEntra.SP, scope, mappings, deleteThreshold, false);
        ProvisioningObserver observer = new ProvisioningObserver() {
            @Override
            public void cycleFinished(CycleSummary summary) {
                summaries.add(summary);
            }

            @Override
            public void objectFailed(ObjectFailure failure) {
                failures.add(failure);
            }
        };
        return new ProvisioningEngine(new EngineContext(settings, entra, zendesk, stores, observer, clock));
    }

    /** A user of Entra assigned to the application with this app role (its display name: the UPN's local part). */
    public String assignedUser(String upn, String role) {
        String id = entra.addUser(upn, upn.substring(0, upn.indexOf('@')));
        entra.assign(id, false, role);
        return id;
    }

    public CycleRecord sync() {
        return sync(false, false);
    }

    public CycleRecord sync(boolean initial, boolean dryRun) {
        ProvisioningEngine engine = engine();
        ProvisioningEngine.StartResult started = engine.startCycle(initial, dryRun, "test");
        if (started.cycle() == null) throw new IllegalStateException(started.message());
        try {
            return new CycleRunner(engine, Duration.ofSeconds(1), 5, problems::add)
                    .runToEnd(started.cycle().cycleId(), Duration.ofMinutes(1), c -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<ProvisioningLogEntry> log(String cycleId) {
        return stores.log().query(new LogQuery(cycleId, null, null, null), 1000, null).entries();
    }
}
