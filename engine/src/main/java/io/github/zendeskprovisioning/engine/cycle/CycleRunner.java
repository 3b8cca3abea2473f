package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.QueueMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the queue workers in this process, as the Functions host would: takes messages from the plan and
 * work queues, hands each to the engine, deletes it when handled, leaves it to come back when handling
 * failed, and moves it to {@code <queue>-poison} after {@code maxDequeueCount} attempts. Used by {@code sync}
 * (until the cycle ends) and by the local host (forever).
 */
public final class CycleRunner {
    private final ProvisioningEngine engine;
    private final MessageQueue plan;
    private final MessageQueue work;
    private final MessageQueue planPoison;
    private final MessageQueue workPoison;
    private final Duration visibilityTimeout;
    private final int maxDequeueCount;
    private final Consumer<String> problems;

    public CycleRunner(ProvisioningEngine engine, Duration visibilityTimeout, int maxDequeueCount, Consumer<String> problems) {
        this.engine = engine;
        var queues = engine.context().stores().queues();
        this.plan = queues.queue(CycleQueues.PLAN);
        this.work = queues.queue(CycleQueues.WORK);
        this.planPoison = queues.queue(CycleQueues.PLAN + "-poison");
        this.workPoison = queues.queue(CycleQueues.WORK + "-poison");
        this.visibilityTimeout = visibilityTimeout;
        this.maxDequeueCount = maxDequeueCount;
        this.problems = problems;
    }

    /** Handles what is visible on both queues now; returns how many messages it took. */
    public int drainOnce() {
        int handled = take(plan, planPoison, 1);
        handled += take(work, workPoison, 16);
        return handled;
    }

    private int take(MessageQueue queue, MessageQueue poison, int max) {
        List<QueueMessage> messages = queue.receive(max, visibilityTimeout);
        for (QueueMessage m : messages) {
            try {
                engine.handle(m.body());
                deleteQuietly(queue, m);
            } catch (RuntimeException e) {
                String what = queue.name() + " message " + m.messageId() + " (attempt " + m.dequeueCount() + " of " + maxDequeueCount + ")";
                if (m.dequeueCount() >= maxDequeueCount) {
                    poison.send(m.body(), Duration.ZERO);
                    deleteQuietly(queue, m);
                    problems.accept(what + " moved to " + poison.name() + ": " + e.getMessage());
                } else {
                    problems.accept(what + " failed and will be retried: " + e.getMessage());
                }
            }
        }
        return messages.size();
    }

    /**
     * Works until the cycle has finished (or {@code timeout} passes), calling {@code progress} after each
     * round of messages. Returns the cycle as stored at the end.
     */
    public CycleRecord runToEnd(String cycleId, Duration timeout, Consumer<CycleRecord> progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            int handled = drainOnce();
            CycleRecord cycle = engine.context().stores().cycles().find(cycleId).orElseThrow();
            progress.accept(cycle);
            if (cycle.finishedAt() != null) return cycle;
            if (Instant.now().isAfter(deadline)) {
                engine.failCycle(cycleId, "did not finish within " + timeout.toMinutes() + " minutes in this process");
                return engine.context().stores().cycles().find(cycleId).orElseThrow();
            }
            if (handled == 0) Thread.sleep(50);
        }
    }

    private static void deleteQuietly(MessageQueue queue, QueueMessage m) {
        try {
            queue.delete(m);
        } catch (ConcurrentUpdateException e) {
            // Its visibility ran out while we worked and someone else took it; their delivery is harmless.
        }
    }
}
