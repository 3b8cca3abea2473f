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
     * Groups per batch: a group costs a create and a membership job of seconds, so a page of groups is cut into
     * about eight batches to spread over every worker (31 groups in one batch took 30 s at the end of a
     * 3,000-user initial cycle, with three workers idle), but not below 5 groups: a batch that creates groups
     * first lists Zendesk's groups (to match by name), a request per 100 groups.
     */
    static final int FEWEST_GROUPS_PER_BATCH = 5;
    static final int MOST_GROUPS_PER_BATCH = 50;
    private static final int GROUP_BATCHES_PER_PAGE = 8;

    private final CycleQueues queues;

    WorkBatches(CycleQueues queues) {
        this.queues = queues;
    }

    /** Packs users into batches of at most 100 and a bounded size, with ids stable across redeliveries. */
    int users(PlanStep step, String label, List<UserWork> work) {
        return send(step, label, pack(work));
    }

    /** Users in batches of at most 100 and a bounded size, in order. */
    static List<List<UserWork>> pack(List<UserWork> work) {
        List<List<UserWork>> batches = new ArrayList<>();
        List<UserWork> current = new ArrayList<>();
        int weight = 0;
        for (UserWork w : work) {
            if (!current.isEmpty() && (current.size() >= BATCH_SIZE || weight + w.weight() > BATCH_WEIGHT)) {
                batches.add(current);
                current = new ArrayList<>();
                weight = 0;
            }
            current.add(w);
            weight += w.weight();
        }
        if (!current.isEmpty()) batches.add(current);
        return batches;
    }

    /** Whether a packed batch could take more users (fewer than 100, and room left for one of average weight). */
    static boolean hasRoom(List<UserWork> batch) {
        if (batch.size() >= BATCH_SIZE) return false;
        int weight = batch.stream().mapToInt(UserWork::weight).sum();
        return weight + weight / batch.size() <= BATCH_WEIGHT;
    }

    /** Sends packed batches, numbered in order: the same work gives the same step ids on every delivery. */
    int send(PlanStep step, String label, List<List<UserWork>> batches) {
        int sent = 0;
        for (List<UserWork> batch : batches) {
            queues.send(new UserBatch(step.cycleId(), step.stepId() + "-" + label + "-" + sent, step.roles(), batch));
            sent++;
        }
        return sent;
    }

    int groups(PlanStep step, String label, List<GroupWork> work) {
        int size = groupsPerBatch(work.size());
        int sent = 0;
        for (int i = 0; i < work.size(); i += size) {
            queues.send(new GroupBatch(step.cycleId(), step.stepId() + "-" + label + "-" + sent, step.roles(), work.subList(i, Math.min(work.size(), i + size))));
            sent++;
        }
        return sent;
    }

    static int groupsPerBatch(int groups) {
        int spread = (groups + GROUP_BATCHES_PER_PAGE - 1) / GROUP_BATCHES_PER_PAGE;
        return Math.max(FEWEST_GROUPS_PER_BATCH, Math.min(MOST_GROUPS_PER_BATCH, spread));
    }

    static List<UserWork> byIds(Collection<String> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().map(UserWork::byId).toList();
    }
}
