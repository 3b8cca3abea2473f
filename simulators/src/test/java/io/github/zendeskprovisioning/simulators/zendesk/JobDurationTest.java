package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Job durations that grow with the job's size, on the simulator's clock (the benchmark's realistic Zendesk). */
class JobDurationTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ManualClock clock = ManualClock.startingAt("2026-01-05T10:00:00Z");
    private final String auth = "Basic " + Base64.getEncoder().encodeToString((ZendeskSimulator.SEED_ADMIN_EMAIL + "/token:"
            + ZendeskSimulator.SEED_API_TOKEN).getBytes(StandardCharsets.UTF_8));
    private ZendeskSimulator sim;

    @BeforeEach
    void start() {
        sim = ZendeskSimulator.seeded(clock, s -> { }).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", auth).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return mapper.readTree(r.body());
    }

    private String createMany(int users) throws Exception {
        StringBuilder body = new StringBuilder("{\"users\":[");
        for (int i = 0; i < users; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"U").append(i).append("\",\"email\":\"u").append(i).append("@x.com\"}");
        }
        return call("POST", "/api/v2/users/create_many", body.append("]}").toString()).path("job_status").path("id").asText();
    }

    private String status(String jobId) throws Exception {
        return call("GET", "/api/v2/job_statuses/" + jobId, null).path("job_status").path("status").asText();
    }

    @Test
    void jobRunsForItsBasePlusPerItemTimeEvenWhenPolledOften() throws Exception {
        sim.jobPollsBeforeCompletion(0).jobDuration(Duration.ofSeconds(2), Duration.ofMillis(100));
        String ten = createMany(10);
        assertEquals("queued", status(ten));
        assertEquals("working", status(ten));
        clock.advance(Duration.ofMillis(2_999));
        assertEquals("working", status(ten));
        clock.advance(Duration.ofMillis(1));
        assertEquals("completed", status(ten));
    }

    @Test
    void biggerJobsTakeLongerAndShowManyReportsEachAsItStands() throws Exception {
        sim.jobPollsBeforeCompletion(0).jobDuration(Duration.ofSeconds(1), Duration.ofSeconds(1));
        String one = createMany(1);
        String five = createMany(5);
        clock.advance(Duration.ofSeconds(2));
        status(five);
        JsonNode both = call("GET", "/api/v2/job_statuses/show_many?ids=" + one + "," + five, null).path("job_statuses");
        assertEquals("completed", both.path(0).path("status").asText());
        assertEquals("working", both.path(1).path("status").asText());
        clock.advance(Duration.ofSeconds(4));
        assertEquals("completed", status(five));
        assertEquals(Duration.ofSeconds(2 + 6), sim.queuedJobTime());
    }

    @Test
    void withoutAConfiguredDurationJobsFinishAfterThePollsAlone() throws Exception {
        sim.jobPollsBeforeCompletion(1);
        String job = createMany(100);
        assertEquals("queued", status(job));
        assertEquals("completed", status(job));
    }

    @Test
    void negativeDurationIsRefusedNamingBothValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.jobDuration(Duration.ofSeconds(-1), Duration.ZERO));
        assertEquals("job durations must be zero or more, not PT-1S and PT0S", e.getMessage());
    }
}
