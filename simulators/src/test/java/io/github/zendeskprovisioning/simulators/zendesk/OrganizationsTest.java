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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Organizations and the user attributes that refer to them, spoken to over plain HTTP. */
class OrganizationsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ZendeskSimulator sim;
    private String auth;

    @BeforeEach
    void start() {
        sim = ZendeskSimulator.seeded(ManualClock.startingAt("2026-01-05T10:00:00Z"), s -> { }).start();
        sim.jobPollsBeforeCompletion(0);
        auth = "Basic " + Base64.getEncoder().encodeToString((ZendeskSimulator.SEED_ADMIN_EMAIL + "/token:"
                + ZendeskSimulator.SEED_API_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", auth).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, r.statusCode(), r.body());
        return mapper.readTree(r.body());
    }

    private JsonNode completed(JsonNode jobAnswer) throws Exception {
        String id = jobAnswer.path("job_status").path("id").asText();
        JsonNode job = call("GET", "/api/v2/job_statuses/" + id, null, 200).path("job_status");
        assertEquals("completed", job.path("status").asText(), job.toString());
        return job.path("results");
    }

    @Test
    void createManyIsAJobWhoseTakenNamesFailWithTheHoldersIdCaseInsensitively() throws Exception {
        long contoso = sim.seedOrganization("Contoso");
        JsonNode results = completed(call("POST", "/api/v2/organizations/create_many",
                "{\"organizations\":[{\"name\":\" Fabrikam \"},{\"name\":\"CONTOSO\"},{\"name\":\"\"}]}", 200));
        assertEquals(3, results.size());
        assertTrue(results.get(0).path("success").asBoolean());
        long fabrikam = results.get(0).path("id").asLong();
        assertEquals("Fabrikam", sim.organizations().get(fabrikam), "the name is trimmed");
        assertFalse(results.get(1).path("success").asBoolean());
        assertEquals(contoso, results.get(1).path("id").asLong());
        assertTrue(results.get(1).path("details").asText().contains("already been taken"), results.toString());
        assertFalse(results.get(2).path("success").asBoolean());
        assertEquals(2, sim.organizations().size());
    }

    @Test
    void createManyTakesAtMostOneHundred() throws Exception {
        StringBuilder many = new StringBuilder("{\"organizations\":[");
        for (int i = 0; i < 101; i++) many.append(i == 0 ? "" : ",").append("{\"name\":\"Org ").append(i).append("\"}");
        call("POST", "/api/v2/organizations/create_many", many.append("]}").toString(), 400);
    }

    @Test
    void searchByNameIsExactAndCaseInsensitive() throws Exception {
        long id = sim.seedOrganization("Contoso Ltd");
        sim.seedOrganization("Contoso");
        JsonNode found = call("GET", "/api/v2/organizations/search?name=contoso%20ltd", null, 200).path("organizations");
        assertEquals(1, found.size());
        assertEquals(id, found.get(0).path("id").asLong());
        assertEquals(0, call("GET", "/api/v2/organizations/search?name=Conto", null, 200).path("organizations").size());
        call("GET", "/api/v2/organizations/search", null, 400);
    }

    @Test
    void listPagesWithCursorsLikeTheOtherCollections() throws Exception {
        for (int i = 0; i < 5; i++) sim.seedOrganization("Org " + i);
        List<String> names = new ArrayList<>();
        String next = "/api/v2/organizations?page%5Bsize%5D=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = call("GET", next, null, 200);
            page.path("organizations").forEach(o -> names.add(o.path("name").asText()));
            pages++;
            next = page.path("meta").path("has_more").asBoolean()
                    ? page.path("links").path("next").asText().substring(sim.baseUrl().length()) : null;
        }
        assertEquals(List.of("Org 0", "Org 1", "Org 2", "Org 3", "Org 4"), names);
        assertEquals(3, pages);
    }

    @Test
    void usersJoinAnExistingOrganizationOnlyAndKeepTagsAsASet() throws Exception {
        long org = sim.seedOrganization("Contoso");
        JsonNode user = call("POST", "/api/v2/users", "{\"user\":{\"name\":\"Ann\",\"email\":\"ann@contoso.com\","
                + "\"organization_id\":" + org + ",\"tags\":[\"sales\",\"emea team\",\"sales\"]}}", 201).path("user");
        assertEquals(org, user.path("organization_id").asLong());
        assertEquals(List.of("sales", "emea", "team"), sim.tagsOf(user.path("id").asLong()));
        long id = user.path("id").asLong();
        JsonNode refused = call("PUT", "/api/v2/users/" + id, "{\"user\":{\"organization_id\":999}}", 422);
        assertTrue(refused.toString().contains("organization_id"), refused.toString());
        call("PUT", "/api/v2/users/" + id, "{\"user\":{\"tags\":[\"vip\"]}}", 200);
        assertEquals(List.of("vip"), sim.tagsOf(id));
    }
}
