package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The retry interceptor alone, in front of the simulator (no auth: the simulator answers 401, which is fine). */
class RetryInterceptorTest {
    private final ZendeskSimulator sim = new ZendeskSimulator().start();
    private final List<Duration> waits = new ArrayList<>();
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
            .addInterceptor(new RetryInterceptor(4, Duration.ofMillis(100), Duration.ofMillis(250), waits::add, () -> 0.0))
            .build();

    @AfterEach
    void stop() {
        sim.close();
    }

    private int send(Request request) throws IOException {
        try (Response r = http.newCall(request).execute()) {
            return r.code();
        }
    }

    @Test
    void getIsRetriedOnServerErrorsWithCappedExponentialBackoff() throws IOException {
        sim.failNextRequests(3, 500);
        assertEquals(401, send(new Request.Builder().url(sim.baseUrl() + "/api/v2/users/me").build()));
        assertEquals(4, sim.requestLog().size());
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(125)), waits);
    }

    @Test
    void givesUpAfterMaxAttemptsAndHandsBackTheLastAnswer() throws IOException {
        sim.failNextRequests(10, 503);
        assertEquals(503, send(new Request.Builder().url(sim.baseUrl() + "/api/v2/groups").build()));
        assertEquals(4, sim.requestLog().size());
    }

    @Test
    void postIsNeverSentTwiceOnceItMayHaveArrived() {
        sim.dropNextConnections(1);
        Request post = new Request.Builder().url(sim.baseUrl() + "/api/v2/users")
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
        assertThrows(IOException.class, () -> send(post));
        assertEquals(1, sim.requestLog().size());
    }

    @Test
    void postIsRetriedWhenTheConnectionWasNeverMade() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Request post = new Request.Builder().url("http://127.0.0.1:" + closedPort + "/api/v2/users")
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
        assertThrows(ConnectException.class, () -> send(post));
        assertEquals(3, waits.size(), "four attempts, three waits");
    }

    @Test
    void putIsRetriedAfterADroppedConnection() throws IOException {
        sim.dropNextConnections(1);
        Request put = new Request.Builder().url(sim.baseUrl() + "/api/v2/users/1")
                .put(RequestBody.create("{}", MediaType.get("application/json"))).build();
        assertEquals(401, send(put));
        assertEquals(2, sim.requestLog().size());
    }
}
