package io.github.zendeskprovisioning.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.ports.EscrowStore;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.ports.MessageQueues;
import io.github.zendeskprovisioning.engine.ports.ProvisionedMembershipStore;
import io.github.zendeskprovisioning.engine.ports.ProvisioningLog;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.Retention;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.host.LocalHost;
import io.github.zendeskprovisioning.host.ServeKey;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/provisioning/preview} through a real {@code serve} host, the simulators and the production clients. */
class PreviewEndpointTest {
    private static final String KEY = "preview-key-0123456789abcdef0123";
    /** Methods of the store ports that change state; every other call only reads. */
    private static final Pattern WRITE = Pattern.compile("^(save|insert|update|upsert|delete|append|add|remove|clear|put|send|record|prune|set|complete|fail|start|mark).*");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger storeWrites = new AtomicInteger();
    private SimulatedWorld world;
    private Product product;
    private LocalHost host;

    @BeforeEach
    void start() throws IOException {
        world = SimulatedWorld.demo(0);
        StateStores s = InMemoryStateStores.create();
        StateStores counted = new StateStores(counted(s.links(), LinkStore.class), counted(s.cycles(), CycleStore.class),
                counted(s.log(), ProvisioningLog.class), counted(s.escrow(), EscrowStore.class),
                counted(s.scope(), ScopeSnapshotStore.class), counted(s.queues(), MessageQueues.class),
                counted(s.memberships(), ProvisionedMembershipStore.class), counted(s.retention(), Retention.class));
        product = Wiring.build(world.settings(), counted, ProvisioningObserver.NONE);
        host = new LocalHost(product, 0, false, ServeKey.configuredOrGenerated(KEY), line -> { }).start();
        world.zendesk().clearRequestLog();
        storeWrites.set(0);
    }

    @AfterEach
    void stop() {
        host.close();
        product.close();
        world.close();
    }

    @SuppressWarnings("unchecked")
    private <T> T counted(T target, Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (WRITE.matcher(method.getName()).matches()) storeWrites.incrementAndGet();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/api/provisioning/preview" + query))
                .header("x-functions-key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void previewShowsMappingsScopeAndTheWriteWithoutWritingToZendeskOrStorage() throws Exception {
        HttpResponse<String> r = get("?objectId=" + DemoTenant.userId(1));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals(DemoTenant.userId(1), body.get("objectId").asText());
        assertTrue(body.get("mappings").size() > 0, r.body());
        assertEquals("name", body.get("mappings").get(0).get("target").asText());
        assertTrue(body.has("inScope") && body.has("action") && body.has("changes") && body.has("clauses"), r.body());
        assertTrue(world.zendesk().requestLog().size() > 0, "the live Zendesk record was read");
        // The OAuth token grant is a POST too, but it changes no Zendesk data.
        assertEquals(0, world.zendesk().requestLog().stream()
                        .filter(q -> !q.method().equals("GET") && !q.path().equals("/oauth/tokens")).count(),
                "no write request reached Zendesk: " + world.zendesk().requestLog());
        assertEquals(0, storeWrites.get(), "nothing was written to storage");
    }

    @Test
    void badOrUnknownObjectIdsAreRefusedWithTheJsonErrorBody() throws Exception {
        HttpResponse<String> malformed = get("?objectId=not-a-guid");
        assertEquals(400, malformed.statusCode());
        assertEquals("InvalidObjectId", json.readTree(malformed.body()).get("error").asText());
        assertTrue(json.readTree(malformed.body()).get("message").asText().contains("not-a-guid"));

        HttpResponse<String> missing = get("");
        assertEquals(400, missing.statusCode());
        assertEquals("MissingObjectId", json.readTree(missing.body()).get("error").asText());

        HttpResponse<String> unknown = get("?objectId=7d1c2f0e-0000-4000-8000-000000000000");
        assertEquals(404, unknown.statusCode());
        assertEquals("ObjectNotFound", json.readTree(unknown.body()).get("error").asText());
    }

    @Test
    void previewNeedsTheKeyLikeEveryOtherRoute() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port()
                + "/api/provisioning/preview?objectId=" + DemoTenant.userId(1))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
    }
}
