package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.EscrowStore;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class EscrowStoreContract extends StoreContract {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00.5Z");

    private EscrowStore escrow() {
        return stores().escrow();
    }

    private static EscrowEntry entry(ObjectKind kind, String id, Instant next) {
        return new EscrowEntry(kind, id, 2, T.minusSeconds(600), next, "Zendesk answered 503");
    }

    @Test
    void putEntryIsFoundAndReplacedByTheNextPut() {
        escrow().put(entry(ObjectKind.USER, "u1", T));
        assertEquals(entry(ObjectKind.USER, "u1", T), escrow().find(ObjectKind.USER, "u1").orElseThrow());
        EscrowEntry later = new EscrowEntry(ObjectKind.USER, "u1", 3, T.minusSeconds(600), T.plusSeconds(60), "again");
        escrow().put(later);
        assertEquals(later, escrow().find(ObjectKind.USER, "u1").orElseThrow());
        assertTrue(escrow().find(ObjectKind.GROUP, "u1").isEmpty());
    }

    @Test
    void dueReturnsEntriesAtOrBeforeNowUpToMax() {
        escrow().put(entry(ObjectKind.USER, "past", T.minusSeconds(5)));
        escrow().put(entry(ObjectKind.GROUP, "now", T));
        escrow().put(entry(ObjectKind.USER, "just-after", T.plusNanos(1000)));
        escrow().put(entry(ObjectKind.USER, "future", T.plusSeconds(5)));
        assertEquals(Set.of("past", "now"), escrow().due(T, 10).stream().map(EscrowEntry::objectId).collect(Collectors.toSet()));
        assertEquals(1, escrow().due(T, 1).size());
        assertTrue(escrow().due(T, 0).isEmpty());
        assertEquals(4, escrow().due(T.plusSeconds(5), 10).size());
    }

    @Test
    void removeAndClearForgetEntriesAndHostileIdsWork() {
        for (String id : HOSTILE_IDS) escrow().put(entry(ObjectKind.USER, id, T));
        for (String id : HOSTILE_IDS) assertEquals(id, escrow().find(ObjectKind.USER, id).orElseThrow().objectId());
        assertEquals(HOSTILE_IDS.size(), escrow().all().size());
        escrow().remove(ObjectKind.USER, "O'Brien");
        escrow().remove(ObjectKind.USER, "never-there");
        assertTrue(escrow().find(ObjectKind.USER, "O'Brien").isEmpty());
        escrow().clear();
        assertEquals(List.of(), escrow().all());
    }

    @Test
    void anEntryWithoutNextAttemptIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> escrow().put(entry(ObjectKind.USER, "u1", null)));
    }
}
