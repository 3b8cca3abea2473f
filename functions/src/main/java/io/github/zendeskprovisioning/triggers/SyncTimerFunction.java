package io.github.zendeskprovisioning.triggers;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.wiring.Product;

import java.util.function.Supplier;

/**
 * Starts a provisioning cycle on the schedule in SYNC_SCHEDULE (every 40 minutes by default), then prunes
 * what is older than PROVISIONING_LOG_RETENTION_DAYS, a bounded batch per tick.
 */
public final class SyncTimerFunction {
    private final Supplier<Product> product;

    public SyncTimerFunction() {
        this(SharedProduct.INSTANCE);
    }

    public SyncTimerFunction(Supplier<Product> product) {
        this.product = product;
    }

    @FunctionName("SyncTimer")
    public void run(@TimerTrigger(name = "timer", schedule = "%SYNC_SCHEDULE%") String timerInfo, ExecutionContext context) {
        ProvisioningEngine.StartResult result = product.get().engine().startCycle(false, false, "timer");
        context.getLogger().info("SyncTimer: " + result.outcome().name().toLowerCase() + ": " + result.message());
        context.getLogger().info("SyncTimer: " + LogPruning.pruneOnce(product.get()));
    }
}
