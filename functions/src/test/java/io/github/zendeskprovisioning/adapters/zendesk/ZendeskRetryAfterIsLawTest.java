package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.adapters.retryafter.HostFileWindow;
import io.github.zendeskprovisioning.adapters.retryafter.PolledWindow;
import io.github.zendeskprovisioning.adapters.storage.AzureRetryAfterWindow;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Retry-After Zendesk gives one client holds for every client of the process (one shared gate) and of the host
 * (a file keyed by Zendesk's host and port) and of the app (a Table Storage row): after the 429, no request reaches the simulator before the window
 * ends. Client A is set to hand a long throttle back at once, so the window is still open when client B, on
 * another thread, wants to send; the simulator's log (on the shared manual clock) shows when B's request came.
 */
@ExtendWith(AzuriteExtension.class)
class ZendeskRetryAfterIsLawTest {
    private static final int RETRY_AFTER = 30;
    private final ZendeskFixture z = new ZendeskFixture();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        threads.shutdownNow();
        z.close();
    }

    @Test
    void retryAfterIsHonouredAcrossTheThreadsAndClientsOfOneProcess() throws Exception {
        RateLimitGate gate = new RateLimitGate(z.clock, 700, RetryAfterWindow.inProcess());
        ZendeskClient a = impatient(z.builder(ZendeskFixture.apiToken()).rateLimitGate(gate));
        ZendeskClient b = z.builder(ZendeskFixture.apiToken()).rateLimitGate(gate).build();

        assertNothingInsideTheWindow(a, b);
    }

    @Test
    void retryAfterIsHonouredAcrossTheProcessesOfOneHost(@TempDir Path dir) throws Exception {
        URI zendesk = URI.create(z.sim.baseUrl());
        // Two gates with nothing in common but the host's file: what two processes have.
        ZendeskClient a = impatient(z.builder(ZendeskFixture.apiToken()).retryAfterWindow(HostFileWindow.forService(dir, zendesk)));
        ZendeskClient b = z.builder(ZendeskFixture.apiToken()).retryAfterWindow(HostFileWindow.forService(dir, zendesk)).build();

        assertNothingInsideTheWindow(a, b);
    }

    @Test
    void retryAfterReachesEveryInstanceOfTheAppThroughStorage(AzuriteExtension.Azurite azurite) throws Exception {
        URI zendesk = URI.create(z.sim.baseUrl());
        String prefix = azurite.uniquePrefix();
        // Two instances: nothing in common but the storage account's RetryAfter row (no shared file, no shared gate).
        ZendeskClient a = impatient(z.builder(ZendeskFixture.apiToken()).retryAfterWindow(new PolledWindow(
                AzureRetryAfterWindow.fromConnectionString(azurite.connectionString(), prefix, zendesk), z.clock, Duration.ofSeconds(10))));
        ZendeskClient b = z.builder(ZendeskFixture.apiToken()).retryAfterWindow(new PolledWindow(
                AzureRetryAfterWindow.fromConnectionString(azurite.connectionString(), prefix, zendesk), z.clock, Duration.ofSeconds(10))).build();

        assertNothingInsideTheWindow(a, b);
    }

    @Test
    void withoutASharedWindowTheOtherClientWouldHaveSentInsideIt() throws Exception {
        ZendeskClient a = impatient(z.builder(ZendeskFixture.apiToken()));
        ZendeskClient b = impatient(z.builder(ZendeskFixture.apiToken()));
        z.sim.faults().throttleNext("GET /api/v2/users/me", 1, RETRY_AFTER);

        assertThrows(ZendeskException.class, () -> run(a::currentUser));
        assertThrows(ZendeskException.class, () -> run(b::groups));

        assertEquals(2, z.sim.requestLog().stream().filter(r -> r.status() == 429).count(),
                "the control: an unshared gate sends into the window and meets a second 429");
    }

    private ZendeskClient impatient(ZendeskClient.Builder builder) {
        // A hands a 30 s throttle back at once instead of waiting, so the window is still open for B.
        return builder.maxThrottleWait(Duration.ofSeconds(5)).build();
    }

    private <T> T run(java.util.concurrent.Callable<T> call) throws Exception {
        try {
            return threads.submit(call).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void assertNothingInsideTheWindow(ZendeskClient a, ZendeskClient b) throws Exception {
        z.sim.faults().throttleNext("GET /api/v2/users/me", 1, RETRY_AFTER);

        ZendeskException throttled = assertThrows(ZendeskException.class, () -> run(a::currentUser));
        assertEquals(429, throttled.error().httpStatus());
        // B's thread waits out the window (its sleeper moves the shared clock), then sends.
        run(() -> b.usersByIds(List.of(1L)));
        // A again: the window is over now.
        run(a::currentUser);

        List<LoggedRequest> log = z.sim.requestLog();
        LoggedRequest the429 = log.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        Instant windowEnd = the429.time().plusSeconds(RETRY_AFTER);
        assertEquals(1, log.stream().filter(r -> r.status() == 429).count(), "one 429, none earned inside the window");
        List<LoggedRequest> after = log.subList(log.indexOf(the429) + 1, log.size());
        assertFalse(after.isEmpty());
        assertTrue(after.stream().noneMatch(r -> r.time().isBefore(windowEnd)),
                () -> "sent inside the window ending " + windowEnd + ": " + after);
    }
}
