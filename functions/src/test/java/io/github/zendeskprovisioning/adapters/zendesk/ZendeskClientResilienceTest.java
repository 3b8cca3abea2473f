package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZendeskClientResilienceTest {
    private final ZendeskFixture z = new ZendeskFixture();

    @AfterEach
    void close() {
        z.close();
    }

    @Test
    void retryAfterIsWaitedOutAndNothingIsSentInsideTheWindow() {
        Instant start = z.clock.instant();
        z.sim.throttleFor(Duration.ofSeconds(30));
        ZendeskClient client = z.client();
        assertEquals("admin@example.com", client.currentUser().email());
        List<LoggedRequest> log = z.sim.requestLog();
        assertEquals(429, log.get(0).status());
        assertEquals(200, log.get(1).status());
        assertEquals(2, log.size());
        assertFalse(log.get(1).time().isBefore(start.plusSeconds(30)));
        assertEquals(1, client.requestStats().throttled());
    }

    @Test
    void retryAfterIsHonouredAcrossWorkers() throws Exception {
        Instant start = z.clock.instant();
        z.sim.throttleFor(Duration.ofSeconds(30));
        ZendeskClient client = z.client();
        client.customRoles().size(); // takes the 429 and waits it out
        z.sim.throttleFor(Duration.ofSeconds(30));
        Instant second = z.clock.instant();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(workers.submit(client::currentUser));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        for (LoggedRequest r : z.sim.requestLog()) {
            boolean insideFirst = r.time().isAfter(start) && r.time().isBefore(start.plusSeconds(30));
            boolean insideSecond = r.time().isAfter(second) && r.time().isBefore(second.plusSeconds(30));
            assertFalse(insideFirst || insideSecond, "request inside a Retry-After window: " + r);
        }
        assertEquals(8, z.sim.requestLog().stream().filter(r -> r.status() == 200 && r.path().endsWith("/me")).count());
    }

    @Test
    void aRetryAfterLongerThanTheCallerMayWaitIsAThrottledErrorAndStillHoldsBackLaterRequests() {
        ZendeskClient client = z.builder(ZendeskFixture.apiToken()).maxThrottleWait(Duration.ofMinutes(2)).build();
        z.sim.throttleFor(Duration.ofHours(1));
        ZendeskException first = assertThrows(ZendeskException.class, client::currentUser);
        assertEquals("Throttled", first.error().code());
        assertTrue(first.error().retryable());
        assertTrue(first.getMessage().contains("3600"), first.getMessage());
        ZendeskException second = assertThrows(ZendeskException.class, client::currentUser);
        assertEquals("Throttled", second.error().code());
        assertEquals(1, z.sim.requestLog().size(), "nothing sent while the window is open");
        z.clock.advance(Duration.ofHours(1));
        assertEquals("admin", client.currentUser().role());
    }

    @Test
    void aSafeRequestIsRetriedAfterServerErrors() {
        long id = z.sim.seedUser("A", "a@contoso.com", null, "end-user").id();
        z.sim.failNextRequests(2, 503);
        assertEquals(1, z.client().usersByIds(List.of(id)).size());
        assertEquals(List.of(503, 503, 200), z.sim.requestLog().stream().map(LoggedRequest::status).toList());
        assertEquals(List.of(Duration.ofMillis(375), Duration.ofMillis(750)), z.sleeps, "backoff doubles, jitter 0.5");
    }

    @Test
    void aUserCreateIsSentAgainAfterAServerErrorBecauseZendeskKeepsExternalIdsUnique() {
        z.sim.failNextRequests(1, 503);
        List<UserWriteResult> results = z.client().createUsers(ZendeskClientUsersTest.people(2));
        assertTrue(results.stream().allMatch(UserWriteResult::success), () -> results.toString());
        assertEquals(2, z.count("POST /api/v2/users/create_many"));
        assertEquals(3, z.sim.users().size(), "the seeded admin and the two, once each");
    }

    @Test
    void aPostWithoutARepeatRuleIsNotSentAgainOnceItMayHaveArrived() {
        z.sim.faults().serverErrorNext("POST /api/v2/users/create_many", 4, 503);
        List<UserWriteResult> results = z.client().createUsers(ZendeskClientUsersTest.people(2));
        assertTrue(results.stream().noneMatch(UserWriteResult::success));
        assertTrue(results.stream().allMatch(r -> r.error().retryable()), "each item says it may be retried later");
        assertEquals(4, z.count("POST /api/v2/users/create_many"), "bounded: the client's four attempts");
        assertEquals(1, z.sim.users().size(), "only the seeded admin");
    }

    @Test
    void aDroppedConnectionAfterCreateNeverLeadsToADuplicateUser() {
        z.sim.dropNextConnections(1);
        ZendeskClient client = z.client();
        UserWriteResult settled = client.createUsers(List.of(ZendeskClientUsersTest.person(1))).get(0);
        assertEquals(2, z.count("POST /api/v2/users/create_many"), "the repeat settles the lost answer");
        assertTrue(settled.error().externalIdTaken() || settled.error().emailTaken(),
                "the repeat's refusal, which the engine matches and links: " + settled.error());
        assertEquals(1, z.sim.users().stream().filter(u -> "person1@contoso.com".equals(u.email())).count());
    }

    @Test
    void aDroppedConnectionOnAnUpdateIsRetriedBecauseAPutIsSafeToRepeat() {
        long id = z.sim.seedUser("A", "a@contoso.com", null, "end-user").id();
        z.sim.dropNextConnections(1);
        UserWriteResult r = z.client().updateUsers(List.of(new UserUpdate(id,
                ZendeskUserFields.of(Map.of("suspended", true))))).get(0);
        assertTrue(r.success(), () -> String.valueOf(r.error()));
        assertEquals(2, z.count("PUT /api/v2/users/update_many"));
        assertTrue(z.sim.user(id).orElseThrow().suspended());
        assertEquals(2, z.sim.users().size());
    }

    @Test
    void requestStatsCountEndpointsWithIdsReplaced() {
        long id = z.sim.seedUser("A", "a@contoso.com", null, "end-user").id();
        ZendeskClient client = z.client();
        client.deleteUser(id);
        client.createUsers(ZendeskClientUsersTest.people(1));
        var stats = client.requestStats();
        assertEquals(1L, stats.byEndpoint().get("DELETE /api/v2/users/{id}"));
        assertEquals(1L, stats.byEndpoint().get("POST /api/v2/users/create_many"));
        assertEquals(2L, stats.byEndpoint().get("GET /api/v2/job_statuses/show_many"));
        assertEquals(4, stats.total());
        assertEquals(2, stats.writes());
    }

    @Test
    void aJobIsFirstPolledWhenAJobOfItsSizeWasLastSeenDoneSoEqualJobsTakeOnePollEach() {
        z.sim.jobPollsBeforeCompletion(0).jobDuration(Duration.ofSeconds(1), Duration.ofMillis(50)); // 100 users: 6 s
        ZendeskClient client = z.client();
        client.createUsers(ZendeskClientUsersTest.people(100));
        long learning = z.count("GET /api/v2/job_statuses/show_many");
        assertTrue(learning > 1, "the first job of its size is polled from the first second on: " + learning);
        for (int job = 2; job <= 4; job++) {
            String notes = "note " + job;
            client.updateUsers(z.sim.users().stream().filter(u -> !"admin".equals(u.role())).limit(100)
                    .map(u -> new UserUpdate(u.id(), ZendeskUserFields.of(Map.of("notes", notes)))).toList());
        }
        assertEquals(learning + 3, z.count("GET /api/v2/job_statuses/show_many"), "one poll for each of the next three jobs");
    }
}
