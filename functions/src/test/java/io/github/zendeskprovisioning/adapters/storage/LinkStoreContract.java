package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class LinkStoreContract extends StoreContract {
    private static final Instant T = Instant.parse("2026-03-01T10:15:30.123456789Z");

    private LinkStore links() {
        return stores().links();
    }

    static Link link(ObjectKind kind, String id, long zendeskId) {
        return new Link(kind, id, zendeskId, LinkState.ACTIVE, "agent", "hash-" + zendeskId, T, null);
    }

    @Test
    void insertedLinkIsFoundWithAllItsFieldsAndAnEtag() {
        Link stored = links().insert(link(ObjectKind.USER, "u1", 42));
        assertNotNull(stored.etag());
        Link found = links().find(ObjectKind.USER, "u1").orElseThrow();
        assertEquals(stored, found);
        assertEquals(42, found.zendeskId());
        assertEquals(T, found.updatedAt());
        assertTrue(links().find(ObjectKind.GROUP, "u1").isEmpty(), "kinds are separate");
    }

    @Test
    void theTagsTheServiceOwnsAreKeptThroughUpsertsAndStateChanges() {
        links().upsertAll(List.of(link(ObjectKind.USER, "u1", 1).withOwnedTags(List.of("sales", "emea"))));
        Link found = links().find(ObjectKind.USER, "u1").orElseThrow();
        assertEquals(List.of("sales", "emea"), found.ownedTags());
        links().update(found.withState(LinkState.SUSPENDED));
        assertEquals(List.of("sales", "emea"), links().find(ObjectKind.USER, "u1").orElseThrow().ownedTags());
        links().upsertAll(List.of(link(ObjectKind.USER, "u1", 1)));
        assertEquals(List.of(), links().find(ObjectKind.USER, "u1").orElseThrow().ownedTags(), "none owned any more");
    }

    @Test
    void theValuesLastWrittenAreKeptWithTheLinkAndReplacedByTheNextUpsert() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("name", "Ann \"Nan\" Lee, \u00e9quipe");
        values.put("user_fields.cost_center", "4711");
        values.put("#role", "agent/");
        Link withValues = new Link(ObjectKind.USER, "u1", 1, LinkState.ACTIVE, "agent", "h1", T, null, List.of("sales"), values);
        links().upsertAll(List.of(withValues));
        Link found = links().find(ObjectKind.USER, "u1").orElseThrow();
        assertEquals(values, found.writtenValues());
        assertEquals(List.of("sales"), found.ownedTags());
        links().update(found.withState(LinkState.SUSPENDED));
        assertEquals(values, links().find(ObjectKind.USER, "u1").orElseThrow().writtenValues(), "a state change keeps them");
        links().upsertAll(List.of(link(ObjectKind.USER, "u1", 1)));
        assertEquals(Map.of(), links().find(ObjectKind.USER, "u1").orElseThrow().writtenValues(), "a link written without values has none");
    }

    @Test
    void insertingALinkThatExistsIsAConcurrentUpdate() {
        links().insert(link(ObjectKind.USER, "u1", 1));
        assertThrows(ConcurrentUpdateException.class, () -> links().insert(link(ObjectKind.USER, "u1", 2)));
    }

    @Test
    void updateWithTheCurrentEtagSucceedsAndGivesANewEtag() {
        Link first = links().insert(link(ObjectKind.USER, "u1", 1));
        Link second = links().update(first.written("h2", "admin", LinkState.SUSPENDED, T.plusSeconds(5)));
        assertNotEquals(first.etag(), second.etag());
        Link found = links().find(ObjectKind.USER, "u1").orElseThrow();
        assertEquals(LinkState.SUSPENDED, found.state());
        assertEquals("admin", found.role());
        assertEquals(second.etag(), found.etag());
    }

    @Test
    void updateWithAStaleEtagIsAConcurrentUpdate() {
        Link first = links().insert(link(ObjectKind.USER, "u1", 1));
        links().update(first.withState(LinkState.SUSPENDED));
        assertThrows(ConcurrentUpdateException.class, () -> links().update(first.withState(LinkState.DELETED)));
        assertEquals(LinkState.SUSPENDED, links().find(ObjectKind.USER, "u1").orElseThrow().state());
    }

    @Test
    void updateOfADeletedLinkIsAConcurrentUpdate() {
        Link first = links().insert(link(ObjectKind.USER, "u1", 1));
        links().delete(ObjectKind.USER, "u1");
        assertThrows(ConcurrentUpdateException.class, () -> links().update(first.withState(LinkState.DELETED)));
    }

    @Test
    void updateWithoutAnEtagIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> links().update(link(ObjectKind.USER, "u1", 1)));
    }

    @Test
    void findManyReturnsOnlyTheLinksThatExistKeyedByEntraId() {
        List<Link> stored = IntStream.range(0, 40).mapToObj(i -> link(ObjectKind.USER, "user-" + i, i)).toList();
        links().upsertAll(stored);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 60; i += 2) asked.add("user-" + i);
        Map<String, Link> found = links().find(ObjectKind.USER, asked);
        assertEquals(20, found.size());
        assertEquals(38, found.get("user-38").zendeskId());
        assertTrue(links().find(ObjectKind.USER, List.of()).isEmpty());
    }

    @Test
    void upsertAllWritesMoreThanOneHundredLinksAndAllReadsThemBack() {
        List<Link> users = IntStream.range(0, 250).mapToObj(i -> link(ObjectKind.USER, "u-" + i, i)).toList();
        List<Link> groups = IntStream.range(0, 120).mapToObj(i -> link(ObjectKind.GROUP, "g-" + i, 1000 + i)).toList();
        List<Link> mixed = new ArrayList<>(users);
        mixed.addAll(groups);
        links().upsertAll(mixed);
        links().upsertAll(List.of(link(ObjectKind.USER, "u-7", 7777)));
        Set<String> allUsers = StreamSupport.stream(links().all(ObjectKind.USER).spliterator(), false)
                .map(Link::entraId).collect(Collectors.toSet());
        assertEquals(250, allUsers.size());
        assertEquals(120, StreamSupport.stream(links().all(ObjectKind.GROUP).spliterator(), false).count());
        assertEquals(7777, links().find(ObjectKind.USER, "u-7").orElseThrow().zendeskId());
    }

    @Test
    void hostileIdsAreStoredFoundListedAndDeleted() {
        for (int i = 0; i < HOSTILE_IDS.size(); i++) links().insert(link(ObjectKind.USER, HOSTILE_IDS.get(i), i));
        for (int i = 0; i < HOSTILE_IDS.size(); i++) {
            assertEquals(i, links().find(ObjectKind.USER, HOSTILE_IDS.get(i)).orElseThrow().zendeskId(), HOSTILE_IDS.get(i));
        }
        assertEquals(Set.copyOf(HOSTILE_IDS), links().find(ObjectKind.USER, HOSTILE_IDS).keySet());
        assertEquals(Set.copyOf(HOSTILE_IDS), StreamSupport.stream(links().all(ObjectKind.USER).spliterator(), false)
                .map(Link::entraId).collect(Collectors.toSet()));
        assertTrue(links().find(ObjectKind.USER, "a/b").isEmpty(), "a prefix of a hostile id is another id");
        links().delete(ObjectKind.USER, "O'Brien");
        assertTrue(links().find(ObjectKind.USER, "O'Brien").isEmpty());
    }

    @Test
    void deletingAMissingLinkIsHarmlessAndClearEmptiesTheStore() {
        links().delete(ObjectKind.USER, "nobody");
        links().upsertAll(IntStream.range(0, 130).mapToObj(i -> link(ObjectKind.USER, "u-" + i, i)).toList());
        links().clear();
        assertEquals(0, StreamSupport.stream(links().all(ObjectKind.USER).spliterator(), false).count());
    }

    @Test
    void activePagesReadAtMostTheirSizeAndContinueWhereTheLastStopped() {
        List<Link> users = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Link l = link(ObjectKind.USER, "user-" + i, 1_000 + i);
            users.add(i % 5 == 0 ? l.withState(LinkState.SUSPENDED) : l);
        }
        users.add(link(ObjectKind.USER, HOSTILE_IDS.get(0), 9));
        links().upsertAll(users);
        links().upsertAll(List.of(link(ObjectKind.GROUP, "group-1", 7)));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String continuation = null;
        do {
            var page = links().activePage(ObjectKind.USER, continuation, 100);
            page.active().forEach(l -> seen.add(l.entraId()));
            sizes.add(page.active().size());
            continuation = page.continuation();
        } while (continuation != null);

        assertEquals(3, sizes.size(), "251 rows in pages of 100: " + sizes);
        assertEquals(201, seen.size(), "the 200 active users and the hostile id, each once");
        assertEquals(201, Set.copyOf(seen).size());
        assertTrue(seen.contains(HOSTILE_IDS.get(0)));
        assertTrue(seen.stream().noneMatch(id -> id.equals("user-0") || id.equals("group-1")));
        // A page that ends exactly at the last row cannot know it: the next read is empty and ends the sweep.
        var full = links().activePage(ObjectKind.GROUP, null, 1);
        assertEquals(1, full.active().size());
        var after = links().activePage(ObjectKind.GROUP, full.continuation(), 1);
        assertTrue(after.active().isEmpty());
        assertEquals(null, after.continuation());
        assertThrows(IllegalArgumentException.class, () -> links().activePage(ObjectKind.USER, null, 1_001));
    }
}
