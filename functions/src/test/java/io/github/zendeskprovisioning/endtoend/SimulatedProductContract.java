package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the end-to-end suites share: the seeded demo world (both simulators), the whole product wired to it over
 * one kind of state storage, and cycles run through the real queues with four workers, each message expected to
 * be handled on its first delivery.
 */
abstract class SimulatedProductContract {
    protected SimulatedWorld world;
    protected Product product;
    private final List<String> problems = new ArrayList<>();

    protected abstract StateStores createStores();

    @BeforeEach
    void startWorld() {
        world = SimulatedWorld.demo(0);
        world.zendesk().jobPollsBeforeCompletion(0);
        product = build(Map.of());
    }

    @AfterEach
    void stopWorld() {
        product.close();
        world.close();
        assertEquals(List.of(), problems, "every message was handled on its first delivery");
    }

    /** The product with the world's settings and these on top, over fresh stores of the suite's kind. */
    protected Product build(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(world.settingsValues());
        values.putAll(extra);
        return Wiring.build(new Settings(values), createStores(), ProvisioningObserver.NONE);
    }

    protected CycleRecord runCycle(boolean initial, boolean dryRun) throws InterruptedException {
        ProvisioningEngine engine = product.engine();
        String id = engine.startCycle(initial, dryRun, "test").cycle().cycleId();
        try (CycleRunner runner = new CycleRunner(engine, Duration.ofSeconds(30), 5, 4, problems::add)) {
            return runner.runToEnd(id, Duration.ofMinutes(3), c -> { });
        }
    }

    protected List<ProvisioningLogEntry> log(CycleRecord c) {
        return product.engine().logs(new LogQuery(c.cycleId(), null, null, null), 1000, null).entries();
    }
}
