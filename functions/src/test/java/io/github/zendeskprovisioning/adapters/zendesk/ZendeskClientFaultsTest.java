package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.MembershipWriteResult;
import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedGroup;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskFaults;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each endpoint the client writes to (and the job-status poll), under each kind of fault the simulator injects
 * once: a 5xx, a connection dropped before or after the write is applied, a 429 with Retry-After, and an answer
 * slower than the client's read timeout. The Zendesk state afterwards equals the state a fault-free run leaves,
 * nothing is created twice, and every result is one the engine takes as done (a create settled by a repeat comes
 * back as an "already taken" refusal, which the engine matches by external id and links).
 */
class ZendeskClientFaultsTest {
    private static final Duration SLOW = Duration.ofMillis(400);
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(100);

    private final ZendeskFixture z = new ZendeskFixture();

    @AfterEach
    void close() {
        z.close();
    }

    /** Seeds what the write needs, then makes it; answers whether every result counts as done for the engine. */
    private interface Write {
        boolean run(ZendeskSimulator sim, ZendeskClient client);
    }

    private record Case(String name, String endpoint, boolean bulkImports, Write write) {
        @Override
        public String toString() {
            return name;
        }
    }

    private enum Fault {
        SERVER_ERROR_500, SERVER_ERROR_503, DROP_BEFORE_APPLY, DROP_AFTER_APPLY, THROTTLED, SLOW_ANSWER
    }

    static Stream<Arguments> everyWriteUnderEveryFault() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            for (Fault f : Fault.values()) {
                out.add(Arguments.of(c, f));
            }
        }
        return out.stream();
    }

    private static List<Case> cases() {
        return List.of(
                new Case("users create_many", "POST /api/v2/users/create_many", true,
                        (sim, client) -> createdOrTaken(client.createUsers(ZendeskClientUsersTest.people(3)))),
                new Case("users create (bulk imports off)", "POST /api/v2/users", false,
                        (sim, client) -> createdOrTaken(client.createUsers(ZendeskClientUsersTest.people(2)))),
                new Case("users create_or_update_many", "POST /api/v2/users/create_or_update_many", true,
                        (sim, client) -> allSucceeded(client.createOrUpdateUsers(ZendeskClientUsersTest.people(3)))),
                new Case("job status poll", "GET /api/v2/job_statuses/show_many", true,
                        (sim, client) -> createdOrTaken(client.createUsers(ZendeskClientUsersTest.people(3)))),
                new Case("users update_many (suspension)", "PUT /api/v2/users/update_many", true,
                        (sim, client) -> allSucceeded(client.updateUsers(suspensionsOf(sim)))),
                new Case("user update (bulk imports off)", "PUT /api/v2/users/{id}", false,
                        (sim, client) -> allSucceeded(client.updateUsers(suspensionsOf(sim)))),
                new Case("user delete", "DELETE /api/v2/users/{id}", true,
                        (sim, client) -> client.deleteUser(sim.seedUser("Gone", "gone@contoso.com", "entra-gone", "end-user").id()).success()),
                new Case("group create", "POST /api/v2/groups", true,
                        (sim, client) -> client.createGroup("Support", "First line").name().equals("Support")),
                new Case("group update", "PUT /api/v2/groups/{id}", true,
                        (sim, client) -> client.updateGroup(sim.seedGroup("Support", "").id(), "Support EU", "Europe")
                                .name().equals("Support EU")),
                new Case("group delete", "DELETE /api/v2/groups/{id}", true, (sim, client) -> {
                    client.deleteGroup(sim.seedGroup("Old", "").id());
                    return true;
                }),
                new Case("memberships create_many", "POST /api/v2/group_memberships/create_many", true,
                        (sim, client) -> membershipsDone(client.createMemberships(agentsJoining(sim)))),
                new Case("memberships destroy_many", "DELETE /api/v2/group_memberships/destroy_many", true, (sim, client) -> {
                    long group = sim.seedGroup("Support", "").id();
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        long agent = sim.seedUser("Agent " + i, "agent" + i + "@contoso.com", "entra-a" + i, "agent").id();
                        ids.add(sim.seedMembership(agent, group).id());
                    }
                    client.deleteMemberships(ids);
                    return true;
                }));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("everyWriteUnderEveryFault")
    void aFaultOnAWriteLeavesTheStateOfAFaultFreeRunWithNothingTwice(Case c, Fault fault) throws Exception {
        String expected = run(c, null);
        z.sim.reset();

        String actual = run(c, fault);

        assertEquals(expected, actual);
        List<LoggedRequest> hit = z.sim.requestLog().stream()
                .filter(r -> ZendeskFaultsEndpoint.of(r).equals(c.endpoint())).toList();
        boolean met = fault == Fault.SLOW_ANSWER ? hit.size() >= 2
                : hit.stream().anyMatch(r -> r.status() == 0 || r.status() == 429 || r.status() >= 500);
        assertTrue(met, "the fault was met: " + hit);
    }

    private String run(Case c, Fault fault) throws InterruptedException {
        z.sim.bulkImports(c.bulkImports());
        ZendeskClient.Builder builder = z.builder(ZendeskFixture.apiToken());
        if (fault != null) {
            inject(c.endpoint(), fault);
            if (fault == Fault.SLOW_ANSWER) {
                builder.timeouts(Duration.ofSeconds(5), SHORT_READ_TIMEOUT);
            }
        }
        ZendeskClient client = builder.build();
        try {
            assertTrue(c.write().run(z.sim, client), "every result counts as done for the engine");
        } finally {
            client.close();
        }
        // A slow request the client stopped waiting for still finishes on the server: compare after it.
        assertTrue(z.sim.awaitIdle(Duration.ofSeconds(10)));
        return state(z.sim);
    }

    private void inject(String endpoint, Fault fault) {
        ZendeskFaults plan = z.sim.faults();
        switch (fault) {
            case SERVER_ERROR_500 -> plan.serverErrorNext(endpoint, 1, 500);
            case SERVER_ERROR_503 -> plan.serverErrorNext(endpoint, 1, 503);
            case DROP_BEFORE_APPLY -> plan.dropNext(endpoint, 1, false);
            case DROP_AFTER_APPLY -> plan.dropNext(endpoint, 1, true);
            case THROTTLED -> plan.throttleNext(endpoint, 1, 7);
            case SLOW_ANSWER -> plan.slowNext(endpoint, 1, SLOW);
        }
    }

    @Test
    void aCreateManyAppliedButLostComesBackAsTakenRefusalsTheEngineLinks() {
        z.sim.faults().dropNext("POST /api/v2/users/create_many", 1, true);
        List<UserWriteResult> results = z.client().createUsers(ZendeskClientUsersTest.people(3));

        assertEquals(2, z.count("POST /api/v2/users/create_many"));
        for (UserWriteResult r : results) {
            // UserBatchProcessor sends both kinds of "taken" to its match by external id, which links the user.
            assertTrue(r.error().emailTaken() || r.error().externalIdTaken(), "a taken refusal: " + r.error());
        }
        for (int i = 0; i < 3; i++) {
            String externalId = "entra-" + i;
            assertEquals(1, z.sim.users().stream().filter(u -> externalId.equals(u.externalId())).count());
        }
    }

    @Test
    void aLostGroupCreateIsLookedUpByNameInsteadOfSentAgain() {
        z.sim.faults().dropNext("POST /api/v2/groups", 1, true);
        var group = z.client().createGroup("Support", "First line");

        assertEquals("Support", group.name());
        assertEquals(1, z.count("POST /api/v2/groups"), "found by name, not created again");
        assertEquals(1, z.sim.groups().size());
    }

    @Test
    void aGroupCreateLostBeforeItArrivedIsSentAgainAfterTheLookUpFindsNothing() {
        z.sim.faults().dropNext("POST /api/v2/groups", 1, false);
        z.client().createGroup("Support", "First line");

        assertEquals(2, z.count("POST /api/v2/groups"));
        assertEquals(1, z.count("GET /api/v2/groups"));
        assertEquals(1, z.sim.groups().size());
    }

    // ---- helpers ----

    private static boolean createdOrTaken(List<UserWriteResult> results) {
        return results.stream().allMatch(r -> r.success() || r.error().externalIdTaken() || r.error().emailTaken());
    }

    private static boolean allSucceeded(List<UserWriteResult> results) {
        return results.stream().allMatch(UserWriteResult::success);
    }

    /** Done for the engine: made, or "already a member" (MembershipWriter takes it as done). */
    private static boolean membershipsDone(List<MembershipWriteResult> results) {
        return results.stream().allMatch(r -> r.error() == null
                || (r.error().description() + r.error().details()).toLowerCase().contains("already"));
    }

    private static List<UserUpdate> suspensionsOf(ZendeskSimulator sim) {
        List<UserUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long id = sim.seedUser("User " + i, "user" + i + "@contoso.com", "entra-u" + i, "end-user").id();
            updates.add(new UserUpdate(id, ZendeskUserFields.of(Map.of("suspended", true, "name", "Renamed " + i))));
        }
        return updates;
    }

    private static List<GroupMembership> agentsJoining(ZendeskSimulator sim) {
        long group = sim.seedGroup("Support", "").id();
        List<GroupMembership> wanted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long agent = sim.seedUser("Agent " + i, "agent" + i + "@contoso.com", "entra-a" + i, "agent").id();
            wanted.add(new GroupMembership(null, agent, group));
        }
        return wanted;
    }

    /** The state without ids: users, live groups and memberships by e-mail and group name, each with its count. */
    static String state(ZendeskSimulator sim) {
        Map<Long, String> emails = sim.users().stream().collect(Collectors.toMap(SimulatedUser::id, u -> String.valueOf(u.email())));
        Map<Long, String> groupNames = sim.groups().stream().collect(Collectors.toMap(SimulatedGroup::id, SimulatedGroup::name));
        Map<String, Long> lines = new TreeMap<>();
        for (SimulatedUser u : sim.users()) {
            lines.merge("user " + u.email() + " ext=" + u.externalId() + " name=" + u.name() + " role=" + u.role()
                    + " active=" + u.active() + " suspended=" + u.suspended(), 1L, Long::sum);
        }
        for (SimulatedGroup g : sim.groups()) {
            lines.merge("group " + g.name() + " (" + g.description() + ") deleted=" + g.deleted(), 1L, Long::sum);
        }
        sim.memberships().forEach(m -> lines.merge("member " + emails.get(m.userId()) + " of " + groupNames.get(m.groupId()),
                1L, Long::sum));
        return lines.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining("\n"));
    }

    /** "METHOD /path" of a logged request with ids as {id}, as fault endpoints are written. */
    private static final class ZendeskFaultsEndpoint {
        static String of(LoggedRequest r) {
            String path = Arrays.stream(r.path().split("/")).filter(s -> !s.isEmpty())
                    .map(s -> s.endsWith(".json") ? s.substring(0, s.length() - 5) : s)
                    .map(s -> s.matches("\\d+|[0-9a-f]{16,}") ? "{id}" : s)
                    .collect(Collectors.joining("/", "/", ""));
            return r.method() + " " + path;
        }
    }
}
