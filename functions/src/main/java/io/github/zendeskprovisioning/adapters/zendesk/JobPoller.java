package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits for background jobs until they complete: the first poll after the time a job of that size last took
 * ({@link JobTimings}), then waiting a little longer between polls each time. The jobs that
 * the client's threads wait for are polled together: one {@code GET /api/v2/job_statuses/show_many?ids=a,b,c}
 * (up to 100 ids) reads them all, and a thread whose job was read by another thread's poll since it last looked
 * uses that answer instead of asking again. A failed or killed job, one Zendesk no longer knows, or one still
 * running after the timeout fails the whole batch with a retryable error: the items were not (all) processed.
 */
final class JobPoller {
    /** {@code show_many} takes a comma-separated list; Zendesk's other show_many endpoints stop at 100. */
    private static final int IDS_PER_POLL = 100;

    private final ZendeskHttp http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration firstInterval;
    private final Duration maxInterval;
    private final Duration timeout;
    private final JobTimings timings;

    /** The jobs waited for, each with its latest status and the number of the poll that read it. */
    private final Map<String, Seen> waiting = new LinkedHashMap<>();
    private long polls;

    private record Seen(JsonNode job, long poll) {
    }

    JobPoller(ZendeskHttp http, Sleeper sleeper, Clock clock, Duration firstInterval, Duration timeout) {
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
        this.firstInterval = firstInterval;
        this.maxInterval = firstInterval.multipliedBy(10);
        this.timeout = timeout;
        this.timings = new JobTimings(firstInterval, firstInterval.multipliedBy(30));
    }

    /** The completed {@code job_status} object of the bulk call's answer. */
    JsonNode awaitCompletion(JsonNode bulkAnswer) {
        JsonNode job = bulkAnswer.path("job_status");
        String id = job.path("id").asText("");
        if (id.isEmpty()) {
            throw new ZendeskException(new ZendeskError(0, "NoJob", "Zendesk accepted the bulk request but named no job",
                    List.of(), true));
        }
        long seenAt;
        synchronized (this) {
            seenAt = polls;
            waiting.put(id, new Seen(job, seenAt));
        }
        try {
            Instant queued = clock.instant();
            Instant deadline = queued.plus(timeout);
            int items = job.path("total").asInt(0);
            Duration firstWait = timings.firstWait(items);
            Duration interval = firstInterval;
            int looks = 0;
            while (true) {
                String status = job.path("status").asText("");
                switch (status) {
                    case "completed":
                        timings.completed(items, firstWait, Duration.between(queued, clock.instant()), looks);
                        return job;
                    case "failed":
                    case "killed":
                        throw new ZendeskException(new ZendeskError(0, "JobFailed", "Zendesk job " + id + " " + status
                                + (job.hasNonNull("message") ? ": " + job.path("message").asText() : ""), List.of(), true));
                    default:
                        break;
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw new ZendeskException(new ZendeskError(0, "JobTimeout", "Zendesk job " + id + " was still "
                            + status + " after " + timeout.toSeconds() + " s", List.of(), true));
                }
                if (looks == 0) {
                    pause(firstWait);
                } else {
                    pause(interval);
                    interval = interval.multipliedBy(3).dividedBy(2);
                    if (interval.compareTo(maxInterval) > 0) {
                        interval = maxInterval;
                    }
                }
                looks++;
                Seen seen = statusAfter(id, seenAt);
                job = seen.job();
                seenAt = seen.poll();
            }
        } finally {
            synchronized (this) {
                waiting.remove(id);
            }
        }
    }

    /**
     * The job's status as read by a poll later than {@code after}: another thread's, if one came since, or one
     * made now for every job waited for. Polls are made one at a time, so threads that wake together share one.
     */
    private synchronized Seen statusAfter(String id, long after) {
        Seen seen = waiting.get(id);
        if (seen.poll() > after) {
            return seen;
        }
        long poll = ++polls;
        List<String> ids = new ArrayList<>(waiting.keySet());
        for (int from = 0; from < ids.size(); from += IDS_PER_POLL) {
            String joined = String.join(",", ids.subList(from, Math.min(ids.size(), from + IDS_PER_POLL)));
            JsonNode answer = http.get(http.url("api/v2/job_statuses/show_many", q -> q.addQueryParameter("ids", joined)));
            for (JsonNode j : answer.path("job_statuses")) {
                String jobId = j.path("id").asText("");
                if (waiting.containsKey(jobId)) {
                    waiting.put(jobId, new Seen(j, poll));
                }
            }
        }
        seen = waiting.get(id);
        if (seen.poll() != poll) {
            throw new ZendeskException(new ZendeskError(404, "JobNotFound", "Zendesk no longer knows job " + id
                    + " (job statuses are kept for a day)", List.of(), true));
        }
        return seen;
    }

    private void pause(Duration interval) {
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZendeskException(new ZendeskError(0, "Interrupted", "interrupted while waiting for a Zendesk job",
                    List.of(), true), e);
        }
    }
}
