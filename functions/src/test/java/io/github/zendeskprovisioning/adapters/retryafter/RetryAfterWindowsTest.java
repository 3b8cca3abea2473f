package io.github.zendeskprovisioning.adapters.retryafter;

import io.github.zendeskprovisioning.simulators.zendesk.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterWindowsTest {
    private static final URI ZENDESK = URI.create("https://my-tenant.zendesk.com");
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aWindowWrittenByOneProcessIsSeenByAnotherAndNeverShortened(@TempDir Path dir) {
        HostFileWindow one = HostFileWindow.forService(dir, ZENDESK);
        HostFileWindow other = HostFileWindow.forService(dir, ZENDESK);

        one.closeUntil(T.plusSeconds(30));
        other.closeUntil(T.plusSeconds(10));

        assertEquals(T.plusSeconds(30), other.openAt());
        assertEquals(T.plusSeconds(30), one.openAt());
        assertEquals(Instant.EPOCH, HostFileWindow.forService(dir, URI.create("https://other.zendesk.com")).openAt(),
                "keyed by the service's host");
    }

    @Test
    void anUnreadableFileLeavesTheWindowOfThisProcess(@TempDir Path dir) throws Exception {
        HostFileWindow window = HostFileWindow.forService(dir, ZENDESK);
        window.closeUntil(T);
        Files.writeString(dir.resolve(HostFileWindow.fileName(ZENDESK)), "garbage");

        assertEquals(T, window.openAt());
    }

    @Test
    void theAppWideWindowIsReadAtMostOncePerRefreshAndAtOnceAfterThisInstanceClosesIt() {
        ManualClock clock = ManualClock.startingAt("2026-03-02T08:00:00Z");
        AtomicInteger reads = new AtomicInteger();
        RetryAfterWindow stored = RetryAfterWindow.inProcess();
        RetryAfterWindow remote = new RetryAfterWindow() {
            @Override
            public Instant openAt() {
                reads.incrementAndGet();
                return stored.openAt();
            }

            @Override
            public void closeUntil(Instant until) {
                stored.closeUntil(until);
            }
        };
        PolledWindow polled = new PolledWindow(remote, clock, Duration.ofSeconds(10));

        for (int i = 0; i < 50; i++) polled.openAt();
        assertEquals(1, reads.get(), "fifty requests, one storage read");
        stored.closeUntil(T.plusSeconds(60)); // another instance met a 429
        clock.advance(Duration.ofSeconds(10));
        assertEquals(T.plusSeconds(60), polled.openAt());
        assertEquals(2, reads.get());
    }

    @Test
    void aFailingRemoteWindowNeverStopsARequest() {
        ManualClock clock = ManualClock.startingAt("2026-03-02T08:00:00Z");
        RetryAfterWindow broken = new RetryAfterWindow() {
            @Override
            public Instant openAt() {
                throw new IllegalStateException("storage down");
            }

            @Override
            public void closeUntil(Instant until) {
                throw new IllegalStateException("storage down");
            }
        };
        PolledWindow polled = new PolledWindow(broken, clock, Duration.ofSeconds(10));
        assertEquals(Instant.EPOCH, polled.openAt());
        polled.closeUntil(T);
        assertEquals(T, polled.openAt(), "this instance keeps what it was told");
    }
}
