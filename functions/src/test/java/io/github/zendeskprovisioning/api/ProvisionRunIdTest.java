package io.github.zendeskprovisioning.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.state.Requester;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST provision} with the optional run id a console makes, over the simulators and the production clients. */
class ProvisionRunIdTest {
    private final ObjectMapper json = new ObjectMapper();
    private SimulatedWorld world;
    private Product product;
    private ProvisioningApi api;

    @BeforeEach
    void start() {
        world = SimulatedWorld.demo(0);
        world.zendesk().jobPollsBeforeCompletion(0);
        product = Wiring.build(world.settings(), InMemoryStateStores.create(), ProvisioningObserver.NONE);
        api = new ProvisioningApi(product.engine(), product::testConnection, Requester.serveKey());
    }

    @AfterEach
    void stop() {
        product.close();
        world.close();
    }

    private ApiResponse post(String body) {
        return api.handle(new ApiRequest("POST", "provision", Map.of(), body));
    }

    @Test
    void aRunIdNamesTheRunsCycleWhoseLogHoldsItsStepsAndTheAnswerRepeatsThem() throws Exception {
        String body = "{\"objectId\": \"" + DemoTenant.userId(7) + "\", \"runId\": \"console-0123abcd\"}";

        ApiResponse done = post(body);

        assertEquals(200, done.status(), done.body());
        JsonNode answer = json.readTree(done.body());
        assertEquals("ondemand-console-0123abcd", answer.path("cycleId").asText());
        assertEquals("Import", answer.path("steps").get(0).path("name").asText());
        assertEquals("Action", answer.path("steps").get(answer.path("steps").size() - 1).path("name").asText());
        JsonNode logged = json.readTree(api.handle(new ApiRequest("GET", "logs",
                Map.of("cycleId", "ondemand-console-0123abcd", "action", "OperatorAction"), "")).body()).path("entries");
        assertEquals(1, logged.size());
        assertEquals(answer.path("steps").size() + 1, logged.get(0).path("steps").size(), "RequestedBy, then the same steps");

        ApiResponse again = post(body);
        assertEquals(409, again.status());
        assertEquals("RunIdInUse", json.readTree(again.body()).path("error").asText());
    }

    @Test
    void aMalformedRunIdIsA400NamingItAndNothingIsWritten() throws Exception {
        world.zendesk().clearRequestLog();

        ApiResponse r = post("{\"objectId\": \"" + DemoTenant.userId(7) + "\", \"runId\": \"../../x\"}");
        ApiResponse number = post("{\"objectId\": \"" + DemoTenant.userId(7) + "\", \"runId\": 12345678}");

        assertEquals(400, r.status());
        JsonNode error = json.readTree(r.body());
        assertEquals("InvalidRunId", error.path("error").asText());
        assertTrue(error.path("message").asText().startsWith("runId \"../../x\" must be 8 to 64 letters"), error.toString());
        assertEquals(400, number.status());
        assertEquals(0, world.zendesk().requestLog().size(), "refused before any call");
    }
}
