package io.github.zendeskprovisioning.adapters.entra;

import io.github.zendeskprovisioning.adapters.retryafter.HostFileWindow;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.graph.RecordedRequest;
import io.github.zendeskprovisioning.simulators.graph.SampleTenant;
import io.github.zendeskprovisioning.simulators.zendesk.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Retry-After Graph gives one reader holds for every reader sharing the window, on other threads (one window
 * per process) and in other processes (a file per host): none sends before it ends. Reader A's policy will not
 * wait an hour, so A fails at once and leaves the window open; reader B then reads on another thread.
 */
class GraphRetryAfterIsLawTest {
    static final String TOKEN = "sim-token-retry-after";
    final ManualClock clock = ManualClock.startingAt("2026-03-02T08:00:00Z");
    final Sleeper sleeper = clock::advance;
    final ExecutorService threads = Executors.newFixedThreadPool(2);
    GraphSimulator graph;
    SampleTenant tenant;

    @BeforeEach
    void start() {
        graph = GraphSimulator.withToken(TOKEN).clock(clock).start();
        tenant = graph.seedSample();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        graph.close();
    }

    GraphEntraSource reader(RetryAfterWindow window) {
        return GraphEntraSource.builder().baseUrl(graph.baseUrl()).credential(GraphCredential.accessToken(TOKEN))
                .sleeper(sleeper).clock(clock).retryAfterWindow(window).build();
    }

    @Test
    void aWindowLongerThanTheReaderWaitsFailsOtherThreadsWithoutSendingAnything() throws Exception {
        RetryAfterWindow window = RetryAfterWindow.inProcess();
        GraphEntraSource a = reader(window);
        GraphEntraSource b = reader(window);
        graph.faults().throttleNext(1, 3600);

        assertThrows(EntraReadException.class, () -> run(() -> a.appRoles(tenant.servicePrincipalId())));
        long sent = graph.requestCount();
        assertThrows(EntraReadException.class, () -> run(() -> b.appRoles(tenant.servicePrincipalId())));

        assertEquals(sent, graph.requestCount(), "B sent nothing inside the hour Graph asked for");
        clock.advance(Duration.ofSeconds(3600));
        assertEquals(3, run(() -> b.appRoles(tenant.servicePrincipalId())).size());
    }

    @Test
    void aReaderInAnotherProcessWaitsOutTheWindowBeforeSending(@TempDir Path dir) throws Exception {
        URI service = URI.create(graph.baseUrl());
        GraphEntraSource a = GraphEntraSource.builder().baseUrl(graph.baseUrl()).credential(GraphCredential.accessToken(TOKEN))
                .sleeper(sleeper).clock(clock).retryAfterWindow(HostFileWindow.forService(dir, service))
                .retryPolicy(new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(120))).build();
        GraphEntraSource b = reader(HostFileWindow.forService(dir, service));
        graph.faults().throttleNext(1, 40);

        assertThrows(EntraReadException.class, () -> run(() -> a.appRoles(tenant.servicePrincipalId())));
        assertEquals(3, run(() -> b.appRoles(tenant.servicePrincipalId())).size());

        List<RecordedRequest> log = graph.requestLog();
        RecordedRequest the429 = log.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        Instant windowEnd = the429.time().plusSeconds(40);
        List<RecordedRequest> after = log.subList(log.indexOf(the429) + 1, log.size());
        assertTrue(!after.isEmpty() && after.stream().noneMatch(r -> r.time().isBefore(windowEnd)),
                () -> "sent inside the window ending " + windowEnd + ": " + after);
    }

    private <T> T run(java.util.concurrent.Callable<T> read) throws Exception {
        try {
            return threads.submit(read).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
