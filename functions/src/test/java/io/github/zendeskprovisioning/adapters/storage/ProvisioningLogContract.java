package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.ProvisioningLog;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class ProvisioningLogContract extends StoreContract {
    /** Late in a UTC day, so entries span two days (two partitions of the time-ordered table). */
    private static final Instant T = Instant.parse("2026-03-01T23:59:00Z");
    private static final ProvisioningAction[] ACTIONS = {ProvisioningAction.CREATE, ProvisioningAction.UPDATE,
            ProvisioningAction.DISABLE, ProvisioningAction.SKIP};
    private static final ProvisioningStatus[] STATUSES = {ProvisioningStatus.SUCCESS, ProvisioningStatus.FAILURE,
            ProvisioningStatus.SKIPPED};

    private ProvisioningLog log() {
        return stores().log();
    }

    static ProvisioningLogEntry entry(String cycle, String change, Instant time, String object,
                                      ProvisioningAction action, ProvisioningStatus status) {
        return new ProvisioningLogEntry(cycle, change, time, ObjectKind.USER, object, "Name of " + object, 7L,
                action, status, false, List.of(new LogStep("Import", "Success", "read from Entra")),
                List.of(new ModifiedProperty("email", "old@contoso.com", "new@contoso.com")), null);
    }

    /** 1,050 entries in two cycles over 10 objects, a tenth of a second apart. */
    private List<ProvisioningLogEntry> manyEntries() {
        List<ProvisioningLogEntry> all = new ArrayList<>();
        for (int i = 0; i < 1050; i++) {
            all.add(entry(i < 600 ? "cycle-1" : "cycle-2", "change-" + i, T.plus(Duration.ofMillis(100L * i)),
                    "object-" + (i % 10), ACTIONS[i % ACTIONS.length], STATUSES[i % STATUSES.length]));
        }
        log().append(all);
        return all;
    }

    private List<ProvisioningLogEntry> readAll(LogQuery query, int top) {
        List<ProvisioningLogEntry> read = new ArrayList<>();
        String token = null;
        do {
            LogPage page = log().query(query, top, token);
            assertTrue(page.entries().size() <= top);
            read.addAll(page.entries());
            token = page.continuationToken();
            if (token != null) assertTrue(token.matches("[A-Za-z0-9_-]+"), "URL-safe token: " + token);
        } while (token != null);
        return read;
    }

    private static List<String> newestFirst(List<ProvisioningLogEntry> all, Predicate<ProvisioningLogEntry> filter) {
        return all.stream().filter(filter).sorted(Comparator.comparing(ProvisioningLogEntry::time).reversed())
                .map(ProvisioningLogEntry::changeId).toList();
    }

    private static List<String> ids(List<ProvisioningLogEntry> entries) {
        return entries.stream().map(ProvisioningLogEntry::changeId).toList();
    }

    @Test
    void pagesThroughMoreThanAThousandEntriesNewestFirstWithContinuationTokens() {
        List<ProvisioningLogEntry> all = manyEntries();
        List<ProvisioningLogEntry> read = readAll(LogQuery.all(), 1000);
        assertEquals(newestFirst(all, e -> true), ids(read));
        assertEquals(1050, new HashSet<>(ids(read)).size());
        assertEquals(ids(read), ids(readAll(LogQuery.all(), 170)));
        assertEquals(all.get(1049), read.get(0));
    }

    @Test
    void everyFilterAloneAndCombinedSelectsTheRightEntriesNewestFirst() {
        List<ProvisioningLogEntry> all = manyEntries();
        assertEquals(newestFirst(all, e -> e.cycleId().equals("cycle-1")), ids(readAll(new LogQuery("cycle-1", null, null, null), 300)));
        assertEquals(newestFirst(all, e -> e.sourceId().equals("object-3")), ids(readAll(new LogQuery(null, "object-3", null, null), 50)));
        assertEquals(newestFirst(all, e -> e.status() == ProvisioningStatus.FAILURE),
                ids(readAll(new LogQuery(null, null, ProvisioningStatus.FAILURE, null), 150)));
        assertEquals(newestFirst(all, e -> e.action() == ProvisioningAction.SKIP),
                ids(readAll(new LogQuery(null, null, null, ProvisioningAction.SKIP), 150)));
        assertEquals(newestFirst(all, e -> e.cycleId().equals("cycle-2") && e.sourceId().equals("object-4")
                        && e.action() == ProvisioningAction.CREATE && e.status() == ProvisioningStatus.SKIPPED),
                ids(readAll(new LogQuery("cycle-2", "object-4", ProvisioningStatus.SKIPPED, ProvisioningAction.CREATE), 7)));
        assertEquals(newestFirst(all, e -> e.sourceId().equals("object-5") && e.status() == ProvisioningStatus.SUCCESS),
                ids(readAll(new LogQuery(null, "object-5", ProvisioningStatus.SUCCESS, null), 9)));
        assertTrue(log().query(new LogQuery("no-such-cycle", null, null, null), 10, null).entries().isEmpty());
    }

    @Test
    void aReplayedChangeKeepsOneEntry() {
        log().append(List.of(entry("c1", "ch1", T, "o1", ProvisioningAction.CREATE, ProvisioningStatus.FAILURE)));
        log().append(List.of(entry("c1", "ch1", T.plusSeconds(30), "o1", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS),
                entry("c1", "ch2", T.plusSeconds(1), "o2", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS)));
        for (LogQuery q : List.of(LogQuery.all(), new LogQuery("c1", null, null, null), new LogQuery(null, "o1", null, null))) {
            List<ProvisioningLogEntry> read = readAll(q, 10);
            assertEquals(1, read.stream().filter(e -> e.changeId().equals("ch1")).count(), q.toString());
            assertEquals(ProvisioningStatus.SUCCESS, read.stream().filter(e -> e.changeId().equals("ch1")).findFirst().orElseThrow().status());
        }
    }

    @Test
    void entriesKeepTheirStepsModifiedPropertiesAndReason() {
        ProvisioningLogEntry e = new ProvisioningLogEntry("c1", "ch1", T, ObjectKind.GROUP, "g1", "Sales", null,
                ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, true,
                List.of(new LogStep("Import", "Success", "read"), new LogStep("Scope", "Skipped", "not assigned")),
                List.of(new ModifiedProperty("name", null, "Sales")), "Out of scope: not assigned to the app");
        log().append(List.of(e));
        assertEquals(List.of(e), log().query(LogQuery.all(), 10, null).entries());
    }

    @Test
    void hostileIdsWorkAsCycleObjectAndChangeIds() {
        List<ProvisioningLogEntry> all = new ArrayList<>();
        for (int i = 0; i < HOSTILE_IDS.size(); i++) {
            String id = HOSTILE_IDS.get(i);
            all.add(entry(id, id, T.plusSeconds(i), id, ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS));
        }
        log().append(all);
        for (String id : HOSTILE_IDS) {
            assertEquals(List.of(id), ids(log().query(new LogQuery(id, null, null, null), 10, null).entries()), id);
            assertEquals(List.of(id), ids(log().query(new LogQuery(null, id, null, null), 10, null).entries()), id);
        }
        assertEquals(HOSTILE_IDS.size(), readAll(LogQuery.all(), 3).size());
    }

    @Test
    void aForeignOrBrokenContinuationTokenIsRefused() {
        log().append(List.of(entry("c1", "ch1", T, "o1", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS),
                entry("c1", "ch2", T, "o1", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS)));
        assertTrue(log().query(new LogQuery("c1", null, null, null), 1, null).continuationToken() != null);
        assertThrows(IllegalArgumentException.class, () -> log().query(LogQuery.all(), 10, "not-a-token"));
        assertThrows(IllegalArgumentException.class, () -> log().query(LogQuery.all(), 0, null));
        assertThrows(IllegalArgumentException.class, () -> log().query(LogQuery.all(), 1001, null));
    }

    @Test
    void theLastPageHasNoTokenAndClearEmptiesTheLog() {
        log().append(List.of(entry("c1", "ch1", T, "o1", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS)));
        LogPage page = log().query(LogQuery.all(), 1, null);
        assertEquals(1, page.entries().size());
        assertNull(page.continuationToken());
        log().clear();
        assertTrue(log().query(LogQuery.all(), 10, null).entries().isEmpty());
        assertTrue(log().query(new LogQuery("c1", null, null, null), 10, null).entries().isEmpty());
    }
}
