package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.cycle.OnDemandProvisioning;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** `provision <groupId>` after the group was unassigned, over both simulators: held past the threshold. */
class OnDemandGuardEndToEndTest {
    private final SimulatedWorld world = SimulatedWorld.demo(0);
    private final List<String> problems = new ArrayList<>();
    private Product product;

    @AfterEach
    void stopWorld() {
        if (product != null) product.close();
        world.close();
        assertEquals(List.of(), problems);
    }

    @Test
    void groupProvisionedOnDemandAfterUnassignmentIsHeldPastTheThreshold() throws Exception {
        world.zendesk().jobPollsBeforeCompletion(0);
        Map<String, String> values = new HashMap<>(world.settingsValues());
        values.put(Settings.DELETE_THRESHOLD, "10");
        product = Wiring.build(new Settings(values), InMemoryStateStores.create(), ProvisioningObserver.NONE);
        ProvisioningEngine engine = product.engine();
        String id = engine.startCycle(false, false, "test").cycle().cycleId();
        try (CycleRunner runner = new CycleRunner(engine, Duration.ofSeconds(30), 5, 4, problems::add)) {
            runner.runToEnd(id, Duration.ofMinutes(3), c -> { });
        }
        world.graph().unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.supportGroup());
        world.zendesk().clearRequestLog();

        OnDemandProvisioning.Result result = engine.provision(DemoTenant.supportGroup());

        // Members 4..40 (less 13, disabled) were in scope only through Support; 1..3 stay admins.
        assertEquals(36, result.entries().stream().filter(e -> e.action() == ProvisioningAction.STAGED_DELETE).count());
        assertEquals(0, world.zendesk().users().stream().filter(u -> u.suspended()).count(), "nobody suspended");
        assertFalse(world.zendesk().requestLog().stream().anyMatch(r -> r.path().startsWith("/api/v2/users/update_many")),
                "no suspension was sent to Zendesk");
    }
}
