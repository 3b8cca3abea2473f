package io.github.zendeskprovisioning.triggers;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.github.zendeskprovisioning.engine.cycle.CycleQueues;
import io.github.zendeskprovisioning.wiring.Product;

import java.util.function.Supplier;

/**
 * The cycle's queue workers. A message that throws is retried by the host (host.json: maxDequeueCount,
 * visibilityTimeout) and then moved to {@code <queue>-poison}; the engine makes every delivery idempotent.
 */
public final class QueueWorkerFunctions {
    private final Supplier<Product> product;

    public QueueWorkerFunctions() {
        this(SharedProduct.INSTANCE);
    }

    public QueueWorkerFunctions(Supplier<Product> product) {
        this.product = product;
    }

    @FunctionName("PlanWorker")
    public void plan(@QueueTrigger(name = "message", queueName = CycleQueues.PLAN, connection = "AzureWebJobsStorage") String message,
                     ExecutionContext context) {
        product.get().engine().handle(message);
    }

    @FunctionName("WorkWorker")
    public void work(@QueueTrigger(name = "message", queueName = CycleQueues.WORK, connection = "AzureWebJobsStorage") String message,
                     ExecutionContext context) {
        product.get().engine().handle(message);
    }
}
