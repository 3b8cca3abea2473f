package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's own rules, spoken to over plain HTTP. */
class ZendeskSimulatorTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ManualClock clock = ManualClock.startingAt("2026-01-05T10:00:00Z");
    private ZendeskSimulator sim;
    private String auth;

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @BeforeEach
    void start() {
        sim = ZendeskSimulator.seeded(clock, s -> { }).start();
        auth = "Basic " + Base64.getEncoder().encodeToString((ZendeskSimulator.SEED_ADMIN_EMAIL + "/token:"
                + ZendeskSimulator.SEED_API_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Answer call(String method, String path, String body) throws IOException, InterruptedException {
        return call(method, path, body, auth);
    }

    private Answer call(String method, String path, String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    private long createUser(String name, String email, String externalId, String role) throws Exception {
        Map<String, Object> user = new java.util.HashMap<>();
        user.put("name", name);
        user.put("email", email);
        user.put("external_id", externalId);
        user.put("role", role);
        Answer a = call("POST", "/api/v2/users", mapper.writeValueAsString(Map.of("user", user)));
        assertEquals(201, a.status(), a.body().toString());
        return a.body().path("user").path("id").asLong();
    }

    private JsonNode pollUntilDone(JsonNode jobAnswer) throws Exception {
        String id = jobAnswer.path("job_status").path("id").asText();
        for (int i = 0; i < 20; i++) {
            JsonNode job = call("GET", "/api/v2/job_statuses/" + id, null).body().path("job_status");
            if (job.path("status").asText().equals("completed")) {
                return job;
            }
        }
        throw new AssertionError("job never completed");
    }

    @Test
    void duplicateEmailIsRefusedCaseInsensitivelyWithRecordInvalid() throws Exception {
        createUser("Alice", "alice@contoso.com", "a-1", "end-user");
        Answer dup = call("POST", "/api/v2/users", "{\"user\":{\"name\":\"Other\",\"email\":\"ALICE@contoso.com\"}}");
        assertEquals(422, dup.status());
        assertEquals("RecordInvalid", dup.body().path("error").asText());
        assertEquals("Record validation errors", dup.body().path("description").asText());
        JsonNode detail = dup.body().path("details").path("email").path(0);
        assertEquals("Email: ALICE@contoso.com is already being used by another user", detail.path("description").asText());
        assertEquals("DuplicateValue", detail.path("error").asText());
    }

    @Test
    void externalIdIsUniqueCaseInsensitivelyAndShowManyFindsItInAnyCase() throws Exception {
        long id = createUser("Alice", "alice@contoso.com", "Entra-ABC", "end-user");
        Answer dup = call("POST", "/api/v2/users", "{\"user\":{\"name\":\"B\",\"email\":\"b@contoso.com\",\"external_id\":\"entra-abc\"}}");
        assertEquals(422, dup.status());
        Answer found = call("GET", "/api/v2/users/show_many?external_ids=ENTRA-abc", null);
        assertEquals(id, found.body().path("users").path(0).path("id").asLong());
    }

    @Test
    void createOrUpdateMatchesExternalIdCaseInsensitivelyAndStoresTheCaseUsed() throws Exception {
        long id = createUser("Alice", "alice@contoso.com", "Entra-ABC", "end-user");
        Answer a = call("POST", "/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Alice B\",\"external_id\":\"entra-abc\"}}");
        assertEquals(200, a.status());
        assertEquals(id, a.body().path("user").path("id").asLong());
        assertEquals("entra-abc", sim.user(id).orElseThrow().externalId());
        Answer created = call("POST", "/api/v2/users/create_or_update", "{\"user\":{\"name\":\"New\",\"email\":\"new@contoso.com\"}}");
        assertEquals(201, created.status());
        assertEquals("end-user", created.body().path("user").path("role").asText());
    }

    @Test
    void bulkUserCallsAnswer403WhenBulkImportsAreOff() throws Exception {
        sim.bulkImports(false);
        Answer create = call("POST", "/api/v2/users/create_many", "{\"users\":[{\"name\":\"A\",\"email\":\"a@x.com\"}]}");
        Answer upsert = call("POST", "/api/v2/users/create_or_update_many", "{\"users\":[{\"name\":\"A\",\"email\":\"a@x.com\"}]}");
        Answer update = call("PUT", "/api/v2/users/update_many", "{\"users\":[{\"id\":1,\"name\":\"A\"}]}");
        for (Answer a : List.of(create, upsert, update)) {
            assertEquals(403, a.status());
            assertEquals("Forbidden", a.body().path("error").asText());
        }
        assertEquals(1, sim.users().size());
        assertEquals(201, call("POST", "/api/v2/users", "{\"user\":{\"name\":\"A\",\"email\":\"a@x.com\"}}").status());
    }

    @Test
    void createManyJobStaysQueuedForTheConfiguredPollsThenReportsEachItemInOrder() throws Exception {
        sim.jobPollsBeforeCompletion(3);
        createUser("Taken", "taken@x.com", null, "end-user");
        Answer a = call("POST", "/api/v2/users/create_many",
                "{\"users\":[{\"name\":\"A\",\"email\":\"a@x.com\"},{\"name\":\"B\",\"email\":\"TAKEN@x.com\"}]}");
        assertEquals(200, a.status());
        assertEquals("queued", a.body().path("job_status").path("status").asText());
        String id = a.body().path("job_status").path("id").asText();
        List<String> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(call("GET", "/api/v2/job_statuses/" + id, null).body().path("job_status").path("status").asText());
        }
        assertEquals(List.of("queued", "working", "working", "completed"), statuses);
        JsonNode results = call("GET", "/api/v2/job_statuses/" + id, null).body().path("job_status").path("results");
        assertEquals(0, results.path(0).path("index").asInt());
        assertEquals("Created", results.path(0).path("status").asText());
        assertTrue(results.path(0).path("success").asBoolean());
        assertFalse(results.path(1).path("success").asBoolean());
        assertEquals("Email: TAKEN@x.com is already being used by another user", results.path(1).path("details").asText());
        assertEquals(sim.userByEmail("taken@x.com").orElseThrow().id(), results.path(1).path("id").asLong());
    }

    @Test
    void updateManyTakesOneBodyForManyIdsOrOneBodyPerUser() throws Exception {
        long a = createUser("A", "a@x.com", null, "end-user");
        long b = createUser("B", "b@x.com", null, "end-user");
        pollUntilDone(call("PUT", "/api/v2/users/update_many?ids=" + a + "," + b, "{\"user\":{\"suspended\":true}}").body());
        assertTrue(sim.user(a).orElseThrow().suspended() && sim.user(b).orElseThrow().suspended());
        JsonNode job = pollUntilDone(call("PUT", "/api/v2/users/update_many",
                "{\"users\":[{\"id\":" + a + ",\"notes\":\"first\"},{\"id\":999,\"notes\":\"x\"}]}").body());
        assertEquals("first", sim.user(a).orElseThrow().attribute("notes"));
        assertEquals("update", job.path("results").path(0).path("action").asText());
        assertEquals("Updated", job.path("results").path(0).path("status").asText());
        assertFalse(job.path("results").path(1).path("success").asBoolean());
    }

    @Test
    void groupMembershipsAreOnlyForAgentsAndAdmins() throws Exception {
        long agent = createUser("Agent", "agent@x.com", null, "agent");
        long endUser = createUser("End", "end@x.com", null, "end-user");
        long group = sim.seedGroup("Support", "").id();
        assertEquals(201, call("POST", "/api/v2/group_memberships",
                "{\"group_membership\":{\"user_id\":" + agent + ",\"group_id\":" + group + "}}").status());
        Answer refused = call("POST", "/api/v2/group_memberships",
                "{\"group_membership\":{\"user_id\":" + endUser + ",\"group_id\":" + group + "}}");
        assertEquals(422, refused.status());
        assertEquals("RecordInvalid", refused.body().path("error").asText());
        assertEquals(1, sim.memberships().size());
    }

    @Test
    void softDeletedUserIsHiddenUnlessIncludeDeletedIsAsked() throws Exception {
        long id = createUser("Gone", "gone@x.com", "g-1", "end-user");
        Answer deleted = call("DELETE", "/api/v2/users/" + id, null);
        assertEquals(200, deleted.status());
        assertFalse(deleted.body().path("user").path("active").asBoolean());
        assertEquals(0, call("GET", "/api/v2/users/show_many?ids=" + id, null).body().path("users").size());
        assertEquals(1, call("GET", "/api/v2/users/show_many?ids=" + id + "&include_deleted=true", null).body().path("users").size());
        assertEquals(0, call("GET", "/api/v2/users/search?query=email:gone@x.com", null).body().path("users").size());
    }

    @Test
    void cursorPaginationWalksForwardAndBackWithMetaAndLinks() throws Exception {
        for (int i = 0; i < 5; i++) {
            sim.seedGroup("G" + i, "");
        }
        JsonNode first = call("GET", "/api/v2/groups?page[size]=2", null).body();
        assertEquals(2, first.path("groups").size());
        assertTrue(first.path("meta").path("has_more").asBoolean());
        assertNotNull(first.path("links").path("next").textValue());
        String after = first.path("meta").path("after_cursor").asText();
        JsonNode second = call("GET", "/api/v2/groups?page%5Bsize%5D=2&page%5Bafter%5D=" + after, null).body();
        assertEquals("G2", second.path("groups").path(0).path("name").asText());
        JsonNode back = call("GET", "/api/v2/groups?page[size]=2&page[before]=" + second.path("meta").path("before_cursor").asText(), null).body();
        assertEquals("G0", back.path("groups").path(0).path("name").asText());
        JsonNode last = call("GET", "/api/v2/groups?page[size]=2&page[after]=" + second.path("meta").path("after_cursor").asText(), null).body();
        assertFalse(last.path("meta").path("has_more").asBoolean());
        assertEquals(400, call("GET", "/api/v2/groups?page[size]=101", null).status());
    }

    @Test
    void offsetPaginationReportsCountAndNextPageAndSearchStopsAtTenThousand() throws Exception {
        for (int i = 0; i < 3; i++) {
            sim.seedUser("User " + i, "u" + i + "@x.com", null, "end-user");
        }
        JsonNode page = call("GET", "/api/v2/users?per_page=2", null).body();
        assertEquals(4, page.path("count").asInt());
        assertTrue(page.path("next_page").asText().contains("page=2"));
        assertTrue(page.path("previous_page").isNull());
        assertEquals(3, call("GET", "/api/v2/users/search?query=x.com", null).body().path("users").size());
        assertEquals(400, call("GET", "/api/v2/users/search?query=x.com&page=101&per_page=100", null).status());
        assertEquals(400, call("GET", "/api/v2/users/search?query=x.com&page[size]=10", null).status());
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndEveryAnswerCarriesTheBudget() throws Exception {
        sim.rateLimitPerMinute(2);
        Answer ok = call("GET", "/api/v2/users/me", null);
        assertEquals("2", ok.raw().headers().firstValue("X-Rate-Limit").orElseThrow());
        assertEquals("1", ok.raw().headers().firstValue("X-Rate-Limit-Remaining").orElseThrow());
        call("GET", "/api/v2/users/me", null);
        clock.advance(Duration.ofSeconds(15));
        Answer throttled = call("GET", "/api/v2/users/me", null);
        assertEquals(429, throttled.status());
        assertEquals("45", throttled.raw().headers().firstValue("Retry-After").orElseThrow());
        clock.advance(Duration.ofSeconds(45));
        assertEquals(200, call("GET", "/api/v2/users/me", null).status());
    }

    @Test
    void credentialsOtherThanConfiguredOnesGet401() throws Exception {
        assertEquals(401, call("GET", "/api/v2/users/me", null, null).status());
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin@example.com/token:nope".getBytes(StandardCharsets.UTF_8));
        Answer a = call("GET", "/api/v2/users/me", null, wrong);
        assertEquals(401, a.status());
        assertEquals("Couldn't authenticate you", a.body().path("error").asText());
        assertEquals(401, call("GET", "/api/v2/users/me", null, "Bearer unknown").status());
        assertFalse(sim.requestLog().get(0).authorizationPresent());
        assertTrue(sim.requestLog().get(1).authorizationPresent());
    }

    @Test
    void issuedOAuthTokenWorksUntilItExpiresOnTheClock() throws Exception {
        sim.tokenLifetime(Duration.ofSeconds(600));
        Answer token = call("POST", "/oauth/tokens", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + ZendeskSimulator.SEED_OAUTH_CLIENT_ID + "\",\"client_secret\":\"" + ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET
                + "\",\"scope\":\"read write\"}", null);
        assertEquals(201, token.status());
        assertEquals(600, token.body().path("expires_in").asInt());
        String bearer = "Bearer " + token.body().path("access_token").asText();
        assertEquals(200, call("GET", "/api/v2/users/me", null, bearer).status());
        clock.advance(Duration.ofSeconds(600));
        Answer expired = call("GET", "/api/v2/users/me", null, bearer);
        assertEquals(401, expired.status());
        assertEquals("invalid_token", expired.body().path("error").asText());
        assertEquals(401, call("POST", "/oauth/tokens", "{\"grant_type\":\"client_credentials\",\"client_id\":\"x\",\"client_secret\":\"y\"}", null).status());
    }

    @Test
    void injectedFailuresAreNotProcessedButDroppedConnectionsAre() throws Exception {
        sim.failNextRequests(1, 503);
        assertEquals(503, call("POST", "/api/v2/users", "{\"user\":{\"name\":\"A\",\"email\":\"a@x.com\"}}").status());
        assertTrue(sim.userByEmail("a@x.com").isEmpty());
        sim.dropNextConnections(1);
        assertThrows(IOException.class, () -> call("POST", "/api/v2/users", "{\"user\":{\"name\":\"A\",\"email\":\"a@x.com\"}}"));
        assertTrue(sim.userByEmail("a@x.com").isPresent());
        assertEquals(0, sim.requestLog().get(sim.requestLog().size() - 1).status());
    }

    @Test
    void aDropBeforeApplyLeavesNothingWhileADropAfterApplyKeepsTheWrite() throws Exception {
        sim.faults().dropNext("POST /api/v2/users", 1, false).dropNext("POST /api/v2/users", 1, true);
        String body = "{\"user\":{\"name\":\"A\",\"email\":\"a@x.com\"}}";
        assertThrows(IOException.class, () -> call("POST", "/api/v2/users", body));
        assertTrue(sim.userByEmail("a@x.com").isEmpty());
        assertThrows(IOException.class, () -> call("POST", "/api/v2/users", body));
        assertTrue(sim.userByEmail("a@x.com").isPresent());
        assertEquals(List.of(0, 0), sim.requestLog().stream().map(LoggedRequest::status).toList());
    }

    @Test
    void faultsHitOnlyTheNamedEndpoint() throws Exception {
        sim.faults().serverErrorNext("POST /api/v2/groups", 1, 500);
        assertEquals(200, call("GET", "/api/v2/groups", null).status());
        assertEquals(500, call("POST", "/api/v2/groups", "{\"group\":{\"name\":\"G\"}}").status());
        assertTrue(sim.groups().isEmpty());
        assertEquals(201, call("POST", "/api/v2/groups", "{\"group\":{\"name\":\"G\"}}").status());
        assertEquals(200, call("GET", "/api/v2/users/" + sim.users().get(0).id(), null).status());
    }

    @Test
    void anInjectedThrottleHoldsTheWholeAccountForItsWindow() throws Exception {
        sim.faults().throttleNext("GET /api/v2/users/me", 1, 30);
        Answer first = call("GET", "/api/v2/users/me", null);
        assertEquals(429, first.status());
        assertEquals("30", first.raw().headers().firstValue("Retry-After").orElseThrow());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(429, call("GET", "/api/v2/groups", null).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, call("GET", "/api/v2/groups", null).status());
    }

    @Test
    void aSeededShareHitsTheSameRequestsEveryTime() throws Exception {
        List<Integer> first = statusesUnderShare(42);
        sim.reset();
        assertEquals(first, statusesUnderShare(42));
        assertTrue(first.contains(503) && first.contains(200), "a half share hits some of 20 requests, not all: " + first);
    }

    private List<Integer> statusesUnderShare(long seed) throws Exception {
        sim.faults().seed(seed).share("GET *", 0.5, ZendeskFaults.serverError(503));
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(call("GET", "/api/v2/groups", null).status());
        }
        return statuses;
    }

    @Test
    void aSlowAnswerStillArrivesAndIsApplied() throws Exception {
        sim.faults().slowNext("POST /api/v2/groups", 1, Duration.ofMillis(50));
        assertEquals(201, call("POST", "/api/v2/groups", "{\"group\":{\"name\":\"G\"}}").status());
        assertEquals(1, sim.groups().size());
    }

    @Test
    void anUpdatedEmailBecomesASecondaryIdentityFoundBySearch() throws Exception {
        long id = createUser("Alice", "alice@contoso.com", null, "end-user");
        assertEquals(200, call("PUT", "/api/v2/users/" + id, "{\"user\":{\"email\":\"alice.b@contoso.com\"}}").status());
        assertEquals("alice@contoso.com", sim.user(id).orElseThrow().email());
        assertEquals(id, call("GET", "/api/v2/users/search?query=email:alice.b@contoso.com", null).body().path("users").path(0).path("id").asLong());
    }

    @Test
    void unknownRecordsAnswerRecordNotFound() throws Exception {
        Answer a = call("GET", "/api/v2/users/424242", null);
        assertEquals(404, a.status());
        assertEquals("RecordNotFound", a.body().path("error").asText());
    }

    @Test
    void resetClearsStateAndReplaysTheSeed() throws Exception {
        createUser("A", "a@x.com", null, "end-user");
        sim.reset();
        assertEquals(1, sim.users().size());
        assertTrue(sim.requestLog().isEmpty());
        assertEquals(200, call("GET", "/api/v2/users/me", null).status());
    }
}
