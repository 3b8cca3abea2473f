package io.github.zendeskprovisioning.simulators.zendesk;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault plan's burst limit and its hit count, over HTTP. */
class ZendeskFaultsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ManualClock clock = ManualClock.startingAt("2026-01-05T10:00:00Z");
    private ZendeskSimulator sim;

    @BeforeEach
    void start() {
        sim = ZendeskSimulator.seeded(clock, s -> { }).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((ZendeskSimulator.SEED_ADMIN_EMAIL + "/token:"
                + ZendeskSimulator.SEED_API_TOKEN).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestOverTheBurstLimitIsAnswered429UnprocessedWithTheWaitUntilTheWindowHasRoom() throws Exception {
        sim.faults().limitRate(2, Duration.ofMinutes(1));
        assertEquals(201, post("/api/v2/groups", "{\"group\":{\"name\":\"A\"}}").statusCode());
        assertEquals(201, post("/api/v2/groups", "{\"group\":{\"name\":\"B\"}}").statusCode());
        HttpResponse<String> third = post("/api/v2/groups", "{\"group\":{\"name\":\"C\"}}");
        assertEquals(429, third.statusCode());
        long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(2, sim.groups().size(), "the request over the limit was not processed");
        assertEquals(1, sim.faults().rateLimited());
        assertEquals(0, sim.faults().hits(), "the burst limit is not a rule's fault");
    }

    @Test
    void hitsCountTheRequestsARuleFaultReached() throws Exception {
        sim.faults().serverErrorNext("POST /api/v2/groups", 2, 500);
        assertEquals(500, post("/api/v2/groups", "{\"group\":{\"name\":\"A\"}}").statusCode());
        assertEquals(500, post("/api/v2/groups", "{\"group\":{\"name\":\"A\"}}").statusCode());
        assertEquals(201, post("/api/v2/groups", "{\"group\":{\"name\":\"A\"}}").statusCode());
        assertEquals(2, sim.faults().hits());
    }
}
