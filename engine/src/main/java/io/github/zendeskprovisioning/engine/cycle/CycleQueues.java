package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.cycle.messages.CycleMessage;
import io.github.zendeskprovisioning.engine.cycle.messages.MessageCodec;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemovals;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.ports.MessageQueues;

import java.time.Duration;

/**
 * The cycle's queues. Planning steps form one chain on the plan queue; user and group batches go to the work
 * queue, where several workers take them in parallel. Staged removals are table rows now (CycleStore); the
 * staged queue is only emptied by a full restart, of what an earlier version left on it.
 */
public final class CycleQueues {
    public static final String PLAN = "provisioning-plan";
    public static final String WORK = "provisioning-work";
    /** No longer written; kept so {@code restart --scope full} clears what an earlier version left. */
    public static final String STAGED = "provisioning-staged";

    private final MessageQueues queues;
    private final MessageCodec codec = new MessageCodec();

    public CycleQueues(MessageQueues queues) {
        this.queues = queues;
    }

    public void send(CycleMessage message) {
        sendLater(message, Duration.ZERO);
    }

    /** Sends a message that becomes visible after {@code delay}. */
    public void sendLater(CycleMessage message, Duration delay) {
        String queue;
        if (message instanceof PlanStep) queue = PLAN;
        else if (message instanceof StagedRemovals) queue = STAGED;
        else queue = WORK; // UserBatch, GroupBatch
        queues.queue(queue).send(codec.encode(message), delay);
    }

    public MessageQueue queue(String name) {
        return queues.queue(name);
    }

    public MessageCodec codec() {
        return codec;
    }
}
