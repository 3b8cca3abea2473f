package io.github.zendeskprovisioning.faults;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.simulators.graph.RecordedRequest;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskFaults;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's closing figures: a 200-user tenant while Zendesk answers 15 % of requests 500, drops 5 % of
 * connections (half of them after applying the write) and allows 20 requests in any 2 seconds, and Graph answers
 * 10 % of requests 429. Counts the {@code sync} runs until Zendesk holds what a fault-free run makes (initial, then
 * incremental after one change of every kind), and prints them with the requests made (Zendesk by endpoint and
 * answer, Graph by answer). Nobody and nothing is made twice and the job is never quarantined.
 */
@ExtendWith(AzuriteExtension.class)
class TwoHundredUsersUnderFaultsTest {
    private static final int USERS = 200;
    private static final int MAX_RUNS = 3;
    /** Runs beyond the limit still made, only to report how many it would have taken. */
    private static final int REPORTED_RUNS = 6;
    private static final Pattern ID = Pattern.compile("/(\\d+|[0-9a-f]{16,})(?=/|$)");

    private final AzuriteExtension.Azurite azurite;

    TwoHundredUsersUnderFaultsTest(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    private FaultWorld world() {
        // The product's default Zendesk budget (ZENDESK_REQUESTS_PER_MINUTE = 700), as a new user runs it.
        return new FaultWorld(USERS, AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix()), 700);
    }

    @Test
    void twoHundredUsersReachTheFaultFreeStateWithinThreeSyncsWithoutDuplicatesOrQuarantine() throws Exception {
        ZendeskState initial;
        ZendeskState incremental;
        try (FaultWorld clean = world()) {
            clean.sync();
            initial = clean.state();
            clean.tenant.changeEntra(clean.graph);
            clean.sync();
            incremental = clean.state();
        }
        try (FaultWorld world = world()) {
            ZendeskFaults faults = world.zendesk.faults().seed(12);
            // Rules are tried in order, each drawing its own share of what the earlier ones left: 15 %, 2.5 %, 2.5 % of all.
            faults.limitRate(20, Duration.ofSeconds(2))
                    .share("*", 0.15, ZendeskFaults.serverError(500))
                    .share("*", 0.025 / 0.85, ZendeskFaults.drop(false))
                    .share("*", 0.025 / (0.85 - 0.025), ZendeskFaults.drop(true));
            world.graph.faults().seed(12).failShare(0.10, 429, 1);

            List<String> report = new ArrayList<>();
            Phase first = phase(world, "initial", initial, report);
            world.tenant.changeEntra(world.graph);
            Phase second = phase(world, "incremental", incremental, report);

            report.add("Zendesk requests by endpoint and answer: " + zendeskRequests(world.zendesk.requestLog()));
            report.add("Zendesk: " + world.zendesk.requestLog().size() + " requests, " + world.zendesk.faults().hits()
                    + " hit by an injected 500 or drop, " + world.zendesk.faults().rateLimited() + " over 20 per 2 s (429)");
            List<RecordedRequest> graph = world.graph.requestLog();
            report.add("Graph: " + graph.size() + " requests, by answer " + graph.stream()
                    .collect(Collectors.groupingBy(r -> r.status(), TreeMap::new, Collectors.counting())));
            report.add("queue problems: " + world.problems().size());
            report.forEach(line -> System.out.println("[200 users under faults] " + line));

            for (Phase p : List.of(first, second)) {
                assertEquals(List.of(), p.duplicates, p.name + ": made twice");
                assertFalse(p.quarantined, p.name + ": quarantined: " + p.runs);
                assertTrue(p.runsToMatch > 0 && p.runsToMatch <= MAX_RUNS, p.name + ": not like a fault-free run within "
                        + MAX_RUNS + " syncs " + p.runs + "; left: " + p.left);
            }
        }
    }

    private record Phase(String name, int runsToMatch, List<String> runs, boolean quarantined, List<String> duplicates, List<String> left) {
    }

    private static Phase phase(FaultWorld world, String name, ZendeskState expected, List<String> report) throws Exception {
        List<String> runs = new ArrayList<>();
        boolean quarantined = false;
        List<String> duplicates = new ArrayList<>();
        List<String> left = List.of();
        int match = 0;
        for (int run = 1; run <= REPORTED_RUNS && match == 0; run++) {
            int zendeskBefore = world.zendesk.requestLog().size();
            int graphBefore = world.graph.requestLog().size();
            FaultWorld.SyncResult result = world.sync();
            quarantined |= result.quarantined() || world.jobQuarantined();
            duplicates.addAll(ZendeskState.duplicates(world.zendesk));
            left = world.state().differencesFrom(expected);
            runs.add(result + " [Zendesk " + (world.zendesk.requestLog().size() - zendeskBefore) + " requests, Graph "
                    + (world.graph.requestLog().size() - graphBefore) + ", " + left.size() + " differences left]");
            if (left.isEmpty()) match = run;
        }
        report.add(name + ": " + (match == 0 ? "not matched in " + REPORTED_RUNS : match) + " sync run(s) " + runs
                + (quarantined ? " QUARANTINED" : "") + (left.isEmpty() ? "" : "; left: " + left.stream().limit(5).toList()));
        return new Phase(name, match, runs, quarantined, duplicates.stream().distinct().toList(), left);
    }

    private static Map<String, Map<Integer, Long>> zendeskRequests(List<LoggedRequest> log) {
        return log.stream().collect(Collectors.groupingBy(r -> r.method() + " " + ID.matcher(r.path().replace(".json", "")).replaceAll("/{id}"),
                TreeMap::new, Collectors.groupingBy(LoggedRequest::status, TreeMap::new, Collectors.counting())));
    }

}
