package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Polls a background job ({@code GET /api/v2/job_statuses/{id}}) until it completes, waiting a little
 * longer between polls each time. A failed or killed job, or one still running after the timeout,
 * fails the whole batch with a retryable error: the items were not (all) processed.
 */
final class JobPoller {
    private final ZendeskHttp http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration firstInterval;
    private final Duration maxInterval;
    private final Duration timeout;

    JobPoller(ZendeskHttp http, Sleeper sleeper, Clock clock, Duration firstInterval, Duration timeout) {
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
        this.firstInterval = firstInterval;
        this.maxInterval = firstInterval.multipliedBy(10);
        this.timeout = timeout;
    }

    /** The completed {@code job_status} object of the bulk call's answer. */
    JsonNode awaitCompletion(JsonNode bulkAnswer) {
        JsonNode job = bulkAnswer.path("job_status");
        String id = job.path("id").asText("");
        if (id.isEmpty()) {
            throw new ZendeskException(new ZendeskError(0, "NoJob", "Zendesk accepted the bulk request but named no job",
                    List.of(), true));
        }
        Instant deadline = clock.instant().plus(timeout);
        Duration interval = firstInterval;
        while (true) {
            String status = job.path("status").asText("");
            switch (status) {
                case "completed":
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
            pause(interval);
            interval = interval.multipliedBy(3).dividedBy(2);
            if (interval.compareTo(maxInterval) > 0) {
                interval = maxInterval;
            }
            job = http.get(http.url("api/v2/job_statuses", b -> b.addPathSegment(id))).path("job_status");
        }
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
