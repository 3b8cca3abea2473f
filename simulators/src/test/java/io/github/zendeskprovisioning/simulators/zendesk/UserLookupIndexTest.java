package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lookups by e-mail and external id answer from indexes; these follow one user's identities through every change
 * that moves them (update of e-mail and external id, deletion, a new user taking them over) and check each way of
 * asking: show_many by external id, search by one or several e-mails, create_many's "taken" checks, destroy_many.
 */
class UserLookupIndexTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ZendeskSimulator sim;
    private String auth;

    @BeforeEach
    void start() {
        sim = ZendeskSimulator.seeded(ManualClock.startingAt("2026-01-05T10:00:00Z"), s -> { }).start();
        auth = "Basic " + Base64.getEncoder().encodeToString((ZendeskSimulator.SEED_ADMIN_EMAIL + "/token:"
                + ZendeskSimulator.SEED_API_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void lookupsFollowAUsersEmailAndExternalIdThroughUpdateDeletionAndRecreation() throws Exception {
        long ada = createUser("Ada", "ada@example.org", "Ext-1");
        assertEquals(List.of(ada), searchByEmails("ADA@Example.org"));
        assertEquals(List.of(ada), byExternalIds("ext-1", false));

        // A new external id frees the old one; a new e-mail becomes a second identity beside the first.
        JsonNode updated = call("PUT", "/api/v2/users/" + ada,
                Map.of("user", Map.of("external_id", "Ext-2", "email", "Ada.Second@example.org")));
        assertEquals(200, updated.path("status").asInt(), updated.toString());
        assertEquals(List.of(), byExternalIds("ext-1", false));
        assertEquals(List.of(ada), byExternalIds("EXT-2", false));
        assertEquals(List.of(ada), searchByEmails("ada.second@example.org"));
        assertEquals(List.of(ada), searchByEmails("ada@example.org", "ada.second@EXAMPLE.org"));

        // create_many: taken identities name their holder; the freed external id can be given again.
        JsonNode results = createMany(List.of(
                user("Taken e-mail", "ADA.SECOND@example.org", null),
                user("Taken external id", "other@example.org", "ext-2"),
                user("Freed external id", "bea@example.org", "ext-1")));
        assertEquals(ada, results.get(0).path("id").asLong(), results.toString());
        assertEquals(false, results.get(0).path("success").asBoolean());
        assertEquals(ada, results.get(1).path("id").asLong(), results.toString());
        assertEquals(false, results.get(1).path("success").asBoolean());
        long bea = results.get(2).path("id").asLong();
        assertEquals("Created", results.get(2).path("status").asText(), results.toString());
        assertEquals(List.of(bea), byExternalIds("EXT-1", false));

        // Deleted: no longer found by e-mail or as an active holder; still listed with include_deleted.
        assertEquals(200, call("DELETE", "/api/v2/users/" + ada, null).path("status").asInt());
        assertEquals(List.of(), searchByEmails("ada@example.org", "ada.second@example.org"));
        assertEquals(List.of(), byExternalIds("ext-2", false));
        assertEquals(List.of(ada), byExternalIds("ext-2", true));

        // Re-created: a new user takes over the deleted user's e-mail and external id.
        long again = createUser("Ada again", "Ada@Example.org", "EXT-2");
        assertEquals(List.of(again), searchByEmails("ada@example.org"));
        assertEquals(List.of(), searchByEmails("ada.second@example.org"));
        assertEquals(List.of(again), byExternalIds("ext-2", false));
        assertEquals(List.of(ada), byExternalIds("ext-2", true), "the lowest id first, as a scan in id order finds it");
        JsonNode search = call("GET", "/api/v2/users/search?external_id=Ext-2", null);
        assertEquals(again, search.path("users").get(0).path("id").asLong(), search.toString());

        // Deleted by external id: the index answers which user that is.
        JsonNode destroy = call("DELETE", "/api/v2/users/destroy_many?external_ids=ext-2", null);
        JsonNode destroyed = completedResults(destroy);
        assertEquals(again, destroyed.get(0).path("id").asLong(), destroyed.toString());
        assertEquals(List.of(), byExternalIds("ext-2", false));
        assertEquals(List.of(), searchByEmails("ada@example.org"));

        // Bea's external id moves to the one freed twice; the old one can go to someone else.
        call("PUT", "/api/v2/users/" + bea, Map.of("user", Map.of("external_id", "ext-2")));
        assertEquals(List.of(bea), byExternalIds("ext-2", false));
        long cleo = createUser("Cleo", "cleo@example.org", "ext-1");
        assertEquals(List.of(cleo), byExternalIds("ext-1", false));
        JsonNode taken = call("PUT", "/api/v2/users/" + cleo, Map.of("user", Map.of("external_id", "EXT-2")));
        assertEquals(422, taken.path("status").asInt(), taken.toString());
    }

    private long createUser(String name, String email, String externalId) throws Exception {
        JsonNode a = call("POST", "/api/v2/users", Map.of("user", user(name, email, externalId)));
        assertEquals(201, a.path("status").asInt(), a.toString());
        return a.path("user").path("id").asLong();
    }

    private static Map<String, Object> user(String name, String email, String externalId) {
        Map<String, Object> user = new HashMap<>();
        user.put("name", name);
        user.put("email", email);
        user.put("external_id", externalId);
        return user;
    }

    private JsonNode createMany(List<Map<String, Object>> users) throws Exception {
        return completedResults(call("POST", "/api/v2/users/create_many", Map.of("users", users)));
    }

    /** The job's results: its first poll says "queued", the second "completed" (the simulator's default). */
    private JsonNode completedResults(JsonNode queued) throws Exception {
        String id = queued.path("job_status").path("id").asText();
        call("GET", "/api/v2/job_statuses/" + id, null);
        JsonNode job = call("GET", "/api/v2/job_statuses/" + id, null);
        assertEquals("completed", job.path("job_status").path("status").asText(), job.toString());
        return job.path("job_status").path("results");
    }

    private List<Long> searchByEmails(String... emails) throws Exception {
        List<String> terms = new ArrayList<>();
        for (String e : emails) terms.add("email:" + e);
        return ids(call("GET", "/api/v2/users/search?query=" + encode(String.join(" ", terms)), null));
    }

    private List<Long> byExternalIds(String externalIds, boolean includeDeleted) throws Exception {
        return ids(call("GET", "/api/v2/users/show_many?external_ids=" + encode(externalIds)
                + (includeDeleted ? "&include_deleted=true" : ""), null));
    }

    private static List<Long> ids(JsonNode answer) {
        List<Long> ids = new ArrayList<>();
        answer.path("users").forEach(u -> ids.add(u.path("id").asLong()));
        return ids;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The answer's JSON with its HTTP status added as {@code status}. */
    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
                .header("Content-Type", "application/json").header("Authorization", auth);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.node.ObjectNode json = r.body().isEmpty() ? mapper.createObjectNode()
                : (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(r.body());
        json.put("status", r.statusCode());
        return json;
    }
}
