package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.cycle.messages.GroupBatch;
import io.github.zendeskprovisioning.engine.cycle.messages.GroupWork;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.cycle.messages.UserBatch;
import io.github.zendeskprovisioning.engine.cycle.messages.UserWork;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The work a plan step found, packed into work messages whose step ids are the same on every delivery. */
final class WorkBatches {
    static final int BATCH_SIZE = 100;
    static final int BATCH_WEIGHT = 36_000;
    /**
     * Few groups per batch: a group costs a create and a membership job of seconds, so the groups of a page are
     * spread over every worker instead of waiting in line in one (31 groups in one batch took 30 s at the end
     * of a 3,000-user initial cycle, with three workers idle).
     */
    static final int GROUPS_PER_BATCH = 5;

    private final CycleQueues queues;

    WorkBatches(CycleQueues queues) {
        this.queues = queues;
    }

    /** Packs users into batches of at most 100 and a bounded size, with ids stable across redeliveries. */
    int users(PlanStep step, String label, List<UserWork> work) {
        int sent = 0;
        List<UserWork> current = new ArrayList<>();
        int weight = 0;
        for (UserWork w : work) {
            if (!current.isEmpty() && (current.size() >= BATCH_SIZE || weight + w.weight() > BATCH_WEIGHT)) {
                queues.send(new UserBatch(step.cycleId(), step.stepId() + "-" + label + "-" + sent, step.roles(), current));
                sent++;
                current = new ArrayList<>();
                weight = 0;
            }
            current.add(w);
            weight += w.weight();
        }
        if (!current.isEmpty()) {
            queues.send(new UserBatch(step.cycleId(), step.stepId() + "-" + label + "-" + sent, step.roles(), current));
            sent++;
        }
        return sent;
    }

    int groups(PlanStep step, String label, List<GroupWork> work) {
        int sent = 0;
        for (int i = 0; i < work.size(); i += GROUPS_PER_BATCH) {
            queues.send(new GroupBatch(step.cycleId(), step.stepId() + "-" + label + "-" + sent, step.roles(), work.subList(i, Math.min(work.size(), i + GROUPS_PER_BATCH))));
            sent++;
        }
        return sent;
    }

    static List<UserWork> byIds(Collection<String> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().map(UserWork::byId).toList();
    }
}
