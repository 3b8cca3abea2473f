package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.EscrowStore;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        return new EscrowEntry(kind, id, ProvisioningAction.UPDATE, 2, T.minusSeconds(600), next, "Zendesk answered 503", "cycle-1");
    }

    @Test
    void putEntryIsFoundAndReplacedByTheNextPut() {
        escrow().put(entry(ObjectKind.USER, "u1", T));
        assertEquals(entry(ObjectKind.USER, "u1", T), escrow().find(ObjectKind.USER, "u1").orElseThrow());
        EscrowEntry later = new EscrowEntry(ObjectKind.USER, "u1", ProvisioningAction.DELETE, 3, T.minusSeconds(600), T.plusSeconds(60),
                "again", null);
        escrow().put(later);
        assertEquals(later, escrow().find(ObjectKind.USER, "u1").orElseThrow());
        assertTrue(escrow().find(ObjectKind.GROUP, "u1").isEmpty());
    }

    @Test
    void dueReturnsEntriesOfOneKindAtOrBeforeNowEarliestFirstUpToMax() {
        escrow().put(entry(ObjectKind.USER, "past", T.minusSeconds(5)));
        escrow().put(entry(ObjectKind.GROUP, "now", T));
        escrow().put(entry(ObjectKind.USER, "just-after", T.plusNanos(1000)));
        escrow().put(entry(ObjectKind.USER, "future", T.plusSeconds(5)));
        escrow().put(entry(ObjectKind.USER, "also-past", T.minusSeconds(9)));
        assertEquals(List.of("also-past", "past"), escrow().due(ObjectKind.USER, T, 10).stream().map(EscrowEntry::objectId).toList());
        assertEquals(List.of("now"), escrow().due(ObjectKind.GROUP, T, 10).stream().map(EscrowEntry::objectId).toList());
        assertEquals(1, escrow().due(ObjectKind.USER, T, 1).size());
        assertTrue(escrow().due(ObjectKind.USER, T, 0).isEmpty());
        assertTrue(escrow().due(ObjectKind.MEMBERSHIP, T, 10).isEmpty());
        assertEquals(4, escrow().due(ObjectKind.USER, T.plusSeconds(5), 10).size());
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
    void anEntryWithoutNextAttemptOrActionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> escrow().put(entry(ObjectKind.USER, "u1", null)));
        assertThrows(IllegalArgumentException.class, () -> escrow().put(
                new EscrowEntry(ObjectKind.USER, "u1", null, 1, T, T, "no action", null)));
    }

    @Test
    void removalsKeepTheirActionAndMembershipsAreFoundByTheirGroup() {
        EscrowEntry delete = new EscrowEntry(ObjectKind.USER, "gone", ProvisioningAction.DELETE, 1, T, T, "Zendesk answered 500", "c1");
        EscrowEntry disable = new EscrowEntry(ObjectKind.USER, "out", ProvisioningAction.DISABLE, 1, T, T, "Zendesk answered 500", "c1");
        escrow().put(delete);
        escrow().put(disable);
        assertEquals(delete, escrow().find(ObjectKind.USER, "gone").orElseThrow());
        assertEquals(disable, escrow().find(ObjectKind.USER, "out").orElseThrow());

        String group = "g/1'x";
        String longGroup = "g".repeat(300);
        for (String g : List.of(group, longGroup, group + "x")) {
            for (long user : List.of(7L, 8L)) {
                escrow().put(new EscrowEntry(ObjectKind.MEMBERSHIP, EscrowEntry.membershipId(g, user), ProvisioningAction.CREATE, 1, T, T,
                        "Zendesk answered 503", "c1"));
            }
        }
        escrow().put(new EscrowEntry(ObjectKind.GROUP, group, ProvisioningAction.CREATE, 1, T, T, "Zendesk answered 503", "c1"));
        List<EscrowEntry> ofGroup = escrow().startingWith(ObjectKind.MEMBERSHIP, EscrowEntry.membershipPrefix(group));
        assertEquals(Set.of(EscrowEntry.membershipId(group, 7), EscrowEntry.membershipId(group, 8)),
                ofGroup.stream().map(EscrowEntry::objectId).collect(Collectors.toSet()));
        assertTrue(ofGroup.stream().allMatch(e -> e.groupEntraId().equals(group) && e.action() == ProvisioningAction.CREATE));
        assertEquals(2, escrow().startingWith(ObjectKind.MEMBERSHIP, EscrowEntry.membershipPrefix(longGroup)).size());
        assertEquals(Map.of(ObjectKind.USER, 2, ObjectKind.GROUP, 1, ObjectKind.MEMBERSHIP, 6), escrow().countsByKind());
    }
}
