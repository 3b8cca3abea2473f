package io.github.zendeskprovisioning.benchmarks;

import io.github.zendeskprovisioning.benchmarks.ProvisioningBenchmark.CycleFigures;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request counts (never times) of the benchmark on a small tenant, over Azurite with four instances, with 30 %
 * of the tenant already in Zendesk: a change that adds a request per user, or a new kind of request, fails here.
 * The Zendesk rate limit and job durations are off, so it runs in seconds. Ceilings are today's counts plus a
 * margin smaller than one request per ten users; tighten them when the counts fall.
 */
@ExtendWith(AzuriteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningRequestCountsTest {
    private static final int USERS = 300;
    /** Of the 300 generated users, the groups assigned a role that provisions hold 225. */
    private static final int IN_SCOPE = 225;
    private static final int CHANGES = 3;

    /**
     * Most requests per endpoint in the initial cycle (225 users, 90 of them already in Zendesk, 4 groups). Measured
     * at 24 in all: full batches (225 users: 3 creates, not one per page's leftovers), the pre-existing users found
     * with one users/search per batch of refused creates (3) and no users/show_many at all (a create refused for its
     * e-mail alone is not looked up by external id), job statuses polled together (at most one show_many per job),
     * and each instance fetching a token once; no custom roles are read (the tenant's app roles are Zendesk's own
     * roles). A request added per user (or per refused create), or a batch that is not full, breaks these ceilings.
     */
    private static final Map<String, Long> INITIAL = Map.ofEntries(
            Map.entry("POST /oauth/tokens", 4L),
            Map.entry("GET /api/v2/groups", 4L),
            Map.entry("POST /api/v2/groups", 4L),
            Map.entry("POST /api/v2/users/create_many", 3L),
            Map.entry("PUT /api/v2/users/update_many", 3L),
            Map.entry("POST /api/v2/group_memberships/create_many", 3L),
            Map.entry("GET /api/v2/users/search", 3L),
            Map.entry("GET /api/v2/job_statuses/show_many", 7L));
    private static final long INITIAL_TOTAL = 24;
    /** A cycle with nothing to do makes no Zendesk call. */
    private static final long NO_CHANGE_TOTAL = 0;
    /** Three renamed users: one update_many, its poll, and a token for an instance that had none yet (measured at 3). */
    private static final long CHANGED_TOTAL = 4;
    /**
     * Table operations of the initial cycle: measured at 178 (1,319 before the per-process copies, the log's batched
     * rows and full batches; 335 before the benchmark's instances stopped renewing a lease every 5 s as no Functions
     * host does, a batch stopped reading its cycle record twice, and group batches stopped costing a few per group;
     * 232 before a plan step claimed and completed from the record its message read, with its request counts in
     * its completion, and skipped its marker's read while the record names it as due); most are per cycle and per
     * batch, not per user. Concurrent step completions retried add a few from run to run.
     */
    private static final long INITIAL_TABLE_OPERATIONS = 200;

    private ProvisioningBenchmark.Result result;

    @BeforeAll
    void runTheBenchmarkOnce(AzuriteExtension.Azurite azurite) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.productionLike(USERS, CHANGES, 42)
                .withStorage(BenchmarkOptions.Storage.CONNECTION_STRING, azurite.connectionString())
                .withZendesk(BenchmarkOptions.UNLIMITED, Duration.ZERO, Duration.ZERO);
        result = new ProvisioningBenchmark(new PrintStream(OutputStream.nullOutputStream())).run(options);
        // The figures in the test's output, to see how far under its ceilings a change left it.
        new BenchmarkReport(result).printText(System.out);
    }

    private CycleFigures cycle(int index) {
        return result.cycles().get(index);
    }

    @Test
    void everyCycleCompletesAndTheWholeScopeIsProvisionedWithThePreExistingUsersLinked() {
        result.cycles().forEach(c -> assertEquals("completed", c.status(), c.cycle()));
        assertEquals(90, result.preExisting());
        assertEquals(IN_SCOPE, result.provisioned());
        assertEquals(4, result.zendeskGroups(), "one Zendesk group per Entra group, none twice");
    }

    @Test
    void initialCycleSendsNoEndpointOverItsCeilingAndNoOtherKindOfRequest() {
        List<String> over = new ArrayList<>();
        cycle(0).zendeskByEndpoint().forEach((endpoint, count) -> {
            Long ceiling = INITIAL.get(endpoint);
            if (ceiling == null || count > ceiling) over.add(endpoint + ": " + count + " (at most " + ceiling + ")");
        });
        assertTrue(over.isEmpty(), "initial cycle over its request ceilings: " + over + "; all: " + cycle(0).zendeskByEndpoint());
        assertTrue(cycle(0).zendeskRequests() <= INITIAL_TOTAL, "initial cycle: " + cycle(0).zendeskRequests()
                + " Zendesk requests, at most " + INITIAL_TOTAL + ": " + cycle(0).zendeskByEndpoint());
    }

    /** Writes as Zendesk sees them; a token fetched when one runs out is not a write to the account. */
    private static long writes(CycleFigures c) {
        return c.zendeskByEndpoint().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("GET ") && !e.getKey().equals("POST /oauth/tokens"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void noChangeCycleWritesNothingToZendesk() {
        assertEquals(0, writes(cycle(1)), cycle(1).zendeskByEndpoint().toString());
        assertTrue(cycle(1).zendeskRequests() <= NO_CHANGE_TOTAL, "no-change cycle: " + cycle(1).zendeskByEndpoint());
    }

    @Test
    void cycleWithThreeChangedUsersSendsAFewBulkRequestsNotOnePerUser() {
        assertTrue(cycle(2).zendeskRequests() <= CHANGED_TOTAL, "changed cycle: " + cycle(2).zendeskByEndpoint());
        assertEquals(0, cycle(2).zendeskByEndpoint().getOrDefault("PUT /api/v2/users/{id}", 0L), cycle(2).zendeskByEndpoint().toString());
    }

    /** The renamed users keep their role, organization and tags: updated from the values last written, none read. */
    @Test
    void renamedUsersAreUpdatedWithoutReadingThemFromZendesk() {
        Map<String, Long> changed = cycle(2).zendeskByEndpoint();
        assertEquals(0, changed.getOrDefault("GET /api/v2/users/show_many", 0L), changed.toString());
        assertEquals(1, changed.getOrDefault("PUT /api/v2/users/update_many", 0L), changed.toString());
    }

    @Test
    void initialCycleStaysUnderItsTableOperationCeiling() {
        long operations = cycle(0).storage().tableOperations();
        assertTrue(operations <= INITIAL_TABLE_OPERATIONS, "initial cycle: " + operations + " table operations, at most "
                + INITIAL_TABLE_OPERATIONS + ": " + cycle(0).storage());
    }

    @Test
    void nothingWasThrottledWithTheLimitOff() {
        result.cycles().forEach(c -> assertEquals(0, c.zendeskThrottled(), c.cycle()));
    }
}
