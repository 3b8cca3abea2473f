package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.zendeskprovisioning.simulators.JsonText;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Background jobs of bulk calls. The work is done when the job is queued (so a client that never polls
 * still finds the records, as it would in Zendesk after the job ran); the status only reports
 * "queued", then "working", for the configured number of polls before "completed" with its results.
 * A job duration (a base plus a time per item, on the simulator's clock) makes a job also stay unfinished
 * until that much time has passed since it was queued, as a real Zendesk job takes seconds to tens of seconds
 * growing with its size; it is zero unless set (the benchmark sets it), so tests and the demo do not wait.
 * Not thread-safe: {@link ZendeskTenant} serialises access.
 */
final class JobBoard {
    private final Clock clock;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private long sequence = 1;
    private int pollsBeforeCompletion = 1;
    private Duration baseDuration = Duration.ZERO;
    private Duration perItemDuration = Duration.ZERO;
    private Duration queuedJobTime = Duration.ZERO;

    JobBoard(Clock clock) {
        this.clock = clock;
    }

    void pollsBeforeCompletion(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("polls must be zero or more");
        }
        this.pollsBeforeCompletion = polls;
    }

    /** How long a job of n items runs: {@code base + n * perItem} (both zero by default). */
    void jobDuration(Duration base, Duration perItem) {
        if (base.isNegative() || perItem.isNegative()) {
            throw new IllegalArgumentException("job durations must be zero or more, not " + base + " and " + perItem);
        }
        this.baseDuration = base;
        this.perItemDuration = perItem;
    }

    /** Queues a finished piece of work; answers the job as the bulk call's response shows it. */
    ObjectNode queue(String jobType, ArrayNode results) {
        String id = String.format("%032x", sequence++ * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
        Duration duration = baseDuration.plus(perItemDuration.multipliedBy(results.size()));
        queuedJobTime = queuedJobTime.plus(duration);
        Instant doneAt = clock.instant().plus(duration);
        Job job = new Job(id, jobType, json(results), results.size(), pollsBeforeCompletion, doneAt);
        jobs.put(id, job);
        return job.render(0, clock.instant().isBefore(doneAt), null);
    }

    /** One poll: the job as it stands now, one step further along. */
    Optional<ObjectNode> poll(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        job.polls++;
        Instant now = clock.instant();
        return Optional.of(job.render(job.polls, now.isBefore(job.doneAt), now.truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    /** The configured durations of every job queued so far, added up. */
    Duration queuedJobTime() {
        return queuedJobTime;
    }

    int count() {
        return jobs.size();
    }

    void clear() {
        jobs.clear();
        queuedJobTime = Duration.ZERO;
    }

    /** The results as JSON text: a node tree per item took ten times the heap, over thousands of jobs kept. */
    private static byte[] json(ArrayNode results) {
        return JsonText.of(results, "job results");
    }

    private static final class Job {
        final String id;
        final String jobType;
        final byte[] results;
        final int total;
        final int pollsBeforeCompletion;
        final Instant doneAt;
        int polls;

        Job(String id, String jobType, byte[] results, int total, int pollsBeforeCompletion, Instant doneAt) {
            this.id = id;
            this.jobType = jobType;
            this.results = results;
            this.total = total;
            this.pollsBeforeCompletion = pollsBeforeCompletion;
            this.doneAt = doneAt;
        }

        ObjectNode render(int poll, boolean stillRunning, String now) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("id", id);
            node.put("job_type", jobType);
            node.put("url", "/api/v2/job_statuses/" + id + ".json");
            node.put("total", total);
            boolean completed = poll > pollsBeforeCompletion && !stillRunning;
            if (completed) {
                node.put("progress", total);
                node.put("status", "completed");
                node.put("message", "Completed at " + now);
                node.set("results", results());
            } else {
                node.put("progress", poll == 0 ? 0 : total / 2);
                node.put("status", poll <= 1 ? "queued" : "working");
                node.putNull("message");
                node.putNull("results");
            }
            return node;
        }

        private JsonNode results() {
            return JsonText.tree(results, "job results");
        }
    }
}
