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
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an admin changes in Zendesk's own interface, as the API then shows it. */
class HandChangesTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ZendeskSimulator sim;

    @BeforeEach
    void start() {
        sim = ZendeskSimulator.seeded(ManualClock.startingAt("2026-01-05T10:00:00Z"), s -> { }).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode get(String path) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((ZendeskSimulator.SEED_ADMIN_EMAIL + "/token:"
                + ZendeskSimulator.SEED_API_TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return mapper.readTree(r.body());
    }

    @Test
    void renamedCustomRoleKeepsItsIdAndDeletedOneIsNoLongerListed() throws Exception {
        long lead = sim.seedCustomRole("Team Leader", "leads");
        long light = sim.seedCustomRole("Light Agent", "reads");

        sim.renameCustomRole(lead, "Team Lead");
        assertEquals("Team Lead", get("/api/v2/custom_roles").path("custom_roles").get(0).path("name").asText());
        assertEquals(lead, get("/api/v2/custom_roles").path("custom_roles").get(0).path("id").asLong());

        sim.deleteCustomRole(lead);
        JsonNode roles = get("/api/v2/custom_roles").path("custom_roles");
        assertEquals(1, roles.size());
        assertEquals(light, roles.get(0).path("id").asLong());
        assertThrows(IllegalArgumentException.class, () -> sim.deleteCustomRole(lead));
    }

    @Test
    void userLoweredToEndUserByHandLosesItsMembershipsAndDeletedOneIsInactive() throws Exception {
        SimulatedUser agent = sim.seedUser("Ann Agent", "ann@example.org", "ext-ann", "agent");
        SimulatedGroup group = sim.seedGroup("Support", "");
        sim.seedMembership(agent.id(), group.id());

        SimulatedUser changed = sim.changeUserByHand(agent.id(), Map.of("role", "end-user", "name", "Ann", "suspended", true));

        assertEquals("end-user", changed.role());
        assertTrue(changed.suspended());
        assertTrue(sim.memberships().isEmpty(), "Zendesk allows memberships for agents and admins only");
        sim.deleteUserByHand(agent.id());
        assertFalse(sim.user(agent.id()).orElseThrow().active());
        assertEquals(0, get("/api/v2/users/show_many?ids=" + agent.id()).path("users").size());
    }
}
