package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import io.github.zendeskprovisioning.simulators.zendesk.ManualClock;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A seeded Zendesk simulator and a client builder aimed at it, sharing one manual clock: every wait
 * the client makes moves the clock instead of blocking, so tests are fast and deterministic.
 */
final class ZendeskFixture implements AutoCloseable {
    final ManualClock clock = ManualClock.startingAt("2026-03-02T08:00:00Z");
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    final ZendeskSimulator sim = ZendeskSimulator.seeded(clock, s -> { }).start();

    static ZendeskCredentials apiToken() {
        return ZendeskCredentials.apiToken(ZendeskSimulator.SEED_ADMIN_EMAIL, ZendeskSimulator.SEED_API_TOKEN);
    }

    static ZendeskCredentials oauthClient() {
        return ZendeskCredentials.oauthClient(ZendeskSimulator.SEED_OAUTH_CLIENT_ID, ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET);
    }

    ZendeskClient.Builder builder(ZendeskCredentials credentials) {
        return ZendeskClient.builder().baseUrl(sim.baseUrl()).credentials(credentials).clock(clock).sleeper(sleeper)
                .random(() -> 0.5);
    }

    ZendeskClient client() {
        return builder(apiToken()).build();
    }

    /** Requests the simulator received whose "METHOD path" starts with this. */
    long count(String methodAndPathPrefix) {
        return requests(methodAndPathPrefix).size();
    }

    List<LoggedRequest> requests(String methodAndPathPrefix) {
        return sim.requestLog().stream().filter(r -> (r.method() + " " + r.path()).startsWith(methodAndPathPrefix)).toList();
    }

    @Override
    public void close() {
        sim.close();
    }
}
