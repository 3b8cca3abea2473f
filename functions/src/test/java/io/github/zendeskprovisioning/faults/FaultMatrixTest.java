package io.github.zendeskprovisioning.faults;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.simulators.graph.FaultPlan;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskFaults;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fault matrix (issue 12): for each Zendesk endpoint the product writes to and each Graph read, and for each
 * kind of fault, one fault during an initial cycle and one during an incremental cycle. Each cell must end, within
 * three {@code sync} runs, in the Zendesk state of a fault-free run, with nobody, no group and no organization
 * made twice, and without quarantine. Over Azurite (tables and queues through the Azure SDK) and both simulators,
 * spoken to by the production clients. Each cell checks its fault really hit a request.
 */
@ExtendWith(AzuriteExtension.class)
class FaultMatrixTest {
    private static final int USERS = 15;
    private static final int MAX_RUNS = 3;

    enum Phase { initial, incremental }

    /**
     * One fault hits one request; the client's own retries may settle it within the call. {@code outage} answers
     * 500 to every attempt the client makes in the call ({@link #ZENDESK_ATTEMPTS}, {@link #GRAPH_ATTEMPTS}), so the
     * objects fail in that cycle and must be retried by a later one (the engine's escrow), still within three syncs.
     */
    enum Fault { serverError, dropBeforeApply, dropAfterApply, throttled, slow, outage }

    /** The production ZendeskClient's attempts per call (its default maxAttempts). */
    static final int ZENDESK_ATTEMPTS = 4;
    /** FaultWorld's Graph retry policy: five retries after the first attempt. */
    static final int GRAPH_ATTEMPTS = 6;

    /** One endpoint or read a fault is aimed at, and the phases in which a fault-free run uses it. */
    record Target(String name, String zendeskEndpoint, String graphFragment, Set<Phase> phases) {
        static Target zendesk(String name, String endpoint, Phase... phases) {
            return new Target(name, endpoint, null, Set.of(phases));
        }

        static Target graph(String name, String fragment, Phase... phases) {
            return new Target(name, null, fragment, Set.of(phases));
        }

        boolean isGraph() {
            return graphFragment != null;
        }
    }

    record Cell(Target target, Fault fault, Phase phase) {
        @Override
        public String toString() {
            return target.name() + "_" + fault + "_" + phase;
        }
    }

    static final List<Target> TARGETS = List.of(
            Target.zendesk("usersCreateMany", "POST /api/v2/users/create_many", Phase.initial, Phase.incremental),
            Target.zendesk("usersUpdateMany", "PUT /api/v2/users/update_many", Phase.initial, Phase.incremental),
            Target.zendesk("usersDelete", "DELETE /api/v2/users/{id}", Phase.incremental),
            Target.zendesk("groupsCreate", "POST /api/v2/groups", Phase.initial, Phase.incremental),
            Target.zendesk("groupsUpdate", "PUT /api/v2/groups/{id}", Phase.incremental),
            Target.zendesk("groupsDelete", "DELETE /api/v2/groups/{id}", Phase.incremental),
            Target.zendesk("membershipsCreateMany", "POST /api/v2/group_memberships/create_many", Phase.initial, Phase.incremental),
            Target.zendesk("membershipsDestroyMany", "DELETE /api/v2/group_memberships/destroy_many", Phase.incremental),
            Target.zendesk("organizationsCreateMany", "POST /api/v2/organizations/create_many", Phase.initial, Phase.incremental),
            Target.graph("graphUsersDelta", "/users/delta", Phase.initial, Phase.incremental),
            Target.graph("graphGroupsDelta", "/groups/delta", Phase.initial, Phase.incremental),
            // Group members and users by id ($batch) are read only by incremental cycles (initial ones take
            // members from groups/delta and whole users from users/delta).
            Target.graph("graphGroupMembers", "/members", Phase.incremental),
            Target.graph("graphAppRoleAssignments", "/appRoleAssignedTo", Phase.initial, Phase.incremental),
            Target.graph("graphServicePrincipal", "appRoles", Phase.initial, Phase.incremental),
            Target.graph("graphUsersByIds", "/$batch", Phase.incremental));

    private static AzuriteExtension.Azurite azurite;
    private static final Map<Phase, ZendeskState> BASELINE = new java.util.EnumMap<>(Phase.class);
    private static final Map<String, String> OUTCOMES = new ConcurrentSkipListMap<>();
    private static long started;
    /** Cells run side by side (each has its own simulators and tables): most of a cell's time is waiting. */
    private static final int PARALLEL_CELLS = 4;
    private static final Map<String, Future<Throwable>> RESULTS = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Target t : TARGETS) {
            for (Phase p : Phase.values()) {
                if (!t.phases().contains(p)) continue;
                for (Fault f : Fault.values()) {
                    // Graph is only read: a connection dropped before or after "applying" a read is the same fault.
                    if (t.isGraph() && f == Fault.dropAfterApply) continue;
                    cells.add(new Cell(t, f, p));
                }
            }
        }
        // -Dfaults.cells=REGEX runs only the cells whose names match (for a developer chasing one).
        String only = System.getProperty("faults.cells");
        return cells.stream().filter(c -> only == null || c.toString().matches(only));
    }

    @BeforeAll
    static void faultFreeRuns(AzuriteExtension.Azurite running) throws Exception {
        azurite = running;
        started = System.nanoTime();
        try (FaultWorld world = world()) {
            FaultWorld.SyncResult first = world.sync();
            BASELINE.put(Phase.initial, world.state());
            System.out.println("[fault matrix] fault-free initial: " + first + "; Zendesk " + endpoints(world) + "; Graph " + graphTargets(world));
            world.zendesk.clearRequestLog();
            int graphBefore = world.graph.requestLog().size();
            world.tenant.changeEntra(world.graph);
            FaultWorld.SyncResult second = world.sync();
            BASELINE.put(Phase.incremental, world.state());
            System.out.println("[fault matrix] fault-free incremental: " + second + "; Zendesk " + endpoints(world) + "; Graph "
                    + world.graph.requestLog().subList(graphBefore, world.graph.requestLog().size()).stream().map(r -> r.method() + " " + r.target()).toList());
            assertEquals(List.of(), ZendeskState.duplicates(world.zendesk));
        }
        pool = Executors.newFixedThreadPool(PARALLEL_CELLS);
        cells().forEach(cell -> RESULTS.put(cell.toString(), pool.submit(() -> {
            try {
                check(cell);
                return null;
            } catch (Throwable e) {
                return e;
            }
        })));
        pool.shutdown();
    }

    @AfterAll
    static void printOutcomes() throws InterruptedException {
        pool.awaitTermination(10, TimeUnit.MINUTES);
        System.out.println("[fault matrix] " + OUTCOMES.size() + " cells in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        OUTCOMES.forEach((cell, outcome) -> System.out.println("[fault matrix] " + cell + ": " + outcome));
    }

    private static FaultWorld world() {
        return new FaultWorld(USERS, AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix()), 6000);
    }

    private static TreeSet<String> endpoints(FaultWorld world) {
        TreeSet<String> out = new TreeSet<>();
        for (LoggedRequest r : world.zendesk.requestLog()) out.add(r.method() + " " + r.path());
        return out;
    }

    private static TreeSet<String> graphTargets(FaultWorld world) {
        TreeSet<String> out = new TreeSet<>();
        world.graph.requestLog().forEach(r -> out.add(r.method() + " " + r.target()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void endsAsAFaultFreeRunWithinThreeSyncs(Cell cell) throws Throwable {
        Throwable e = RESULTS.get(cell.toString()).get();
        if (e != null) {
            OUTCOMES.put(cell.toString(), "FAILED: " + firstLine(e.getMessage()));
            throw e;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static void check(Cell cell) throws Exception {
        try (FaultWorld world = world()) {
            if (cell.phase() == Phase.incremental) {
                world.sync();
                assertEquals(List.of(), world.state().differencesFrom(BASELINE.get(Phase.initial)), "the fault-free initial cycle before the fault");
                world.tenant.changeEntra(world.graph);
            }
            inject(world, cell);
            List<String> runs = new ArrayList<>();
            List<String> differences = List.of();
            for (int run = 1; run <= MAX_RUNS; run++) {
                FaultWorld.SyncResult result = world.sync();
                runs.add(result.toString());
                assertFalse(result.quarantined() || world.jobQuarantined(), () -> "quarantined after run " + runs.size() + ": " + runs);
                assertEquals(List.of(), ZendeskState.duplicates(world.zendesk), () -> "made twice, runs " + runs);
                differences = world.state().differencesFrom(BASELINE.get(cell.phase()));
                if (differences.isEmpty()) break;
            }
            assertTrue(hits(world, cell) > 0, "the fault never hit " + cell.target() + " (runs " + runs + ")");
            if (!differences.isEmpty()) {
                fail("Zendesk differs from a fault-free run after " + MAX_RUNS + " syncs " + runs + ": " + differences
                        + (world.problems().isEmpty() ? "" : "; queue problems: " + world.problems())
                        + "; provisioning log (not successes): " + world.notableLogEntries().stream().limit(12).toList());
            }
            OUTCOMES.put(cell.toString(), "passed in " + runs.size() + " run(s) " + runs);
        }
    }

    private static int hits(FaultWorld world, Cell cell) {
        return cell.target().isGraph() ? world.graph.faults().hits() : world.zendesk.faults().hits();
    }

    private static void inject(FaultWorld world, Cell cell) {
        Target t = cell.target();
        if (t.isGraph()) {
            FaultPlan plan = world.graph.faults();
            String fragment = t.graphFragment();
            switch (cell.fault()) {
                case serverError -> plan.failRequestsContaining(fragment, 500, 1);
                case dropBeforeApply -> plan.dropConnectionsContaining(fragment, 1);
                case throttled -> plan.failRequestsContaining(fragment, 429, 1);
                case slow -> plan.slowRequestsContaining(fragment, 1, FaultWorld.SLOW);
                case outage -> plan.failRequestsContaining(fragment, 500, GRAPH_ATTEMPTS);
                default -> throw new IllegalArgumentException(cell.toString());
            }
            return;
        }
        ZendeskFaults faults = world.zendesk.faults();
        String endpoint = t.zendeskEndpoint();
        switch (cell.fault()) {
            case serverError -> faults.serverErrorNext(endpoint, 1, 500);
            case dropBeforeApply -> faults.dropNext(endpoint, 1, false);
            case dropAfterApply -> faults.dropNext(endpoint, 1, true);
            case throttled -> faults.throttleNext(endpoint, 1, 1);
            case slow -> faults.slowNext(endpoint, 1, FaultWorld.SLOW);
            case outage -> faults.serverErrorNext(endpoint, ZENDESK_ATTEMPTS, 500);
        }
    }
}
