package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.Membership;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class ScopeSnapshotStoreContract extends StoreContract {
    private ScopeSnapshotStore scope() {
        return stores().scope();
    }

    private static Assignment assignment(String id, String principal) {
        return new Assignment(id, principal, PrincipalType.USER, "role-agent", "Name " + principal);
    }

    @Test
    void generationsKeepMoreThanOneHundredAssignmentsAndFindThemByPrincipal() {
        List<Assignment> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) all.add(assignment("a-" + i, "p-" + (i % 60)));
        scope().saveAssignments("gen-1", all);
        scope().saveAssignments("gen-2", List.of(assignment("a-x", "p-1")));
        assertEquals(150, StreamSupport.stream(scope().assignments("gen-1").spliterator(), false).count());
        List<String> asked = IntStream.range(0, 70).mapToObj(i -> "p-" + i).toList();
        Map<String, List<Assignment>> found = scope().assignmentsOf("gen-1", asked);
        assertEquals(60, found.size());
        assertEquals(Set.of("a-1", "a-61", "a-121"), found.get("p-1").stream().map(Assignment::id).collect(Collectors.toSet()));
        assertEquals(List.of(assignment("a-x", "p-1")), scope().assignmentsOf("gen-2", List.of("p-1", "p-2")).get("p-1"));
        assertTrue(scope().assignmentsOf("gen-1", List.of("p-1x")).isEmpty(), "a principal id that only starts alike");
        scope().deleteGeneration("gen-1");
        assertEquals(0, StreamSupport.stream(scope().assignments("gen-1").spliterator(), false).count());
        assertEquals(1, StreamSupport.stream(scope().assignments("gen-2").spliterator(), false).count());
    }

    @Test
    void membersOfSeveralGroupsAddedAtOnceAreIndexedBothWaysAsIfAddedOneGroupAtATime() {
        Map<String, List<String>> page = new java.util.LinkedHashMap<>();
        page.put("g1", IntStream.range(0, 150).mapToObj(i -> "user-" + i).toList());
        page.put("g2", List.of("user-1", "user-200"));
        page.put("g3", List.of());
        scope().addMembers(page);
        assertEquals(Set.copyOf(page.get("g1")), scope().membersOf("g1"));
        assertEquals(Set.of("user-1", "user-200"), scope().membersOf("g2"));
        assertTrue(scope().membersOf("g3").isEmpty());
        assertEquals(Set.of("g1", "g2"), scope().groupsOf(List.of("user-1")).get("user-1"));
        assertEquals(Set.of("g2"), scope().groupsOf(List.of("user-200")).get("user-200"));
    }

    @Test
    void membershipsAreIndexedBothWays() {
        List<String> many = IntStream.range(0, 120).mapToObj(i -> "user-" + i).toList();
        scope().addMembers("g1", many);
        scope().addMembers("g2", List.of("user-1", "user-2"));
        assertEquals(Set.copyOf(many), scope().membersOf("g1"));
        Map<String, Set<String>> groups = scope().groupsOf(List.of("user-1", "user-50", "nobody"));
        assertEquals(Set.of("g1", "g2"), groups.get("user-1"));
        assertEquals(Set.of("g1"), groups.get("user-50"));
        assertTrue(!groups.containsKey("nobody"));
        scope().removeMembers("g2", List.of("user-1", "never-a-member"));
        assertEquals(Set.of("user-2"), scope().membersOf("g2"));
        assertEquals(Set.of("g1"), scope().groupsOf(List.of("user-1")).get("user-1"));
        scope().removeGroup("g1");
        assertTrue(scope().membersOf("g1").isEmpty());
        assertEquals(Map.of("user-2", Set.of("g2")), scope().groupsOf(List.of("user-1", "user-2")));
    }

    @Test
    void everyMembershipIsReadOnceAndNothingElse() {
        List<String> many = IntStream.range(0, 1_250).mapToObj(i -> "user-" + i).toList();
        scope().addMembers("g1", many);
        scope().addMembers("g2", List.of("user-1", "user-2"));
        scope().addMembers("g3", List.of("gone"));
        scope().removeMembers("g3", List.of("gone"));
        scope().saveAssignments("gen-1", List.of(assignment("a1", "g1")));
        for (String id : HOSTILE_IDS) scope().addMembers(id, List.of(id));

        List<Membership> read = new ArrayList<>();
        scope().memberships().forEach(read::add);

        Set<Membership> expected = new java.util.HashSet<>();
        many.forEach(u -> expected.add(new Membership(u, "g1")));
        expected.add(new Membership("user-1", "g2"));
        expected.add(new Membership("user-2", "g2"));
        HOSTILE_IDS.forEach(id -> expected.add(new Membership(id, id)));
        assertEquals(expected.size(), read.size(), "each membership once, more than a page of them");
        assertEquals(expected, Set.copyOf(read));
        scope().clear();
        assertTrue(!scope().memberships().iterator().hasNext(), "none after clear");
    }

    @Test
    void membersPagesReadAGroupInBoundedPagesEachMemberOnce() {
        List<String> many = IntStream.range(0, 250).mapToObj(i -> "user-" + i).toList();
        scope().addMembers("g1", many);
        scope().addMembers("g1x", List.of("other"));
        List<String> read = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String continuation = null;
        do {
            MemberPage page = scope().membersPage("g1", continuation, 100);
            read.addAll(page.userIds());
            sizes.add(page.userIds().size());
            continuation = page.continuation();
        } while (continuation != null);
        assertEquals(List.of(100, 100, 50), sizes);
        assertEquals(Set.copyOf(many), Set.copyOf(read));
        assertEquals(250, read.size(), "each member once");
        MemberPage exact = scope().membersPage("g1x", null, 1);
        assertEquals(List.of("other"), exact.userIds());
        assertTrue(scope().membersPage("g1x", exact.continuation(), 1).userIds().isEmpty(), "a full page may be the last");
        assertEquals(new MemberPage(List.of(), null), scope().membersPage("nobody", null, 10));
        for (String id : HOSTILE_IDS) scope().addMembers(id, List.of(id));
        for (String id : HOSTILE_IDS) assertEquals(List.of(id), scope().membersPage(id, null, 10).userIds(), id);
    }

    @Test
    void hostileIdsWorkForGenerationsPrincipalsGroupsAndUsers() {
        for (String id : HOSTILE_IDS) {
            scope().saveAssignments(id, List.of(assignment(id, id)));
            scope().addMembers(id, List.of(id, "plain"));
        }
        for (String id : HOSTILE_IDS) {
            assertEquals(List.of(id), scope().assignmentsOf(id, List.of(id)).get(id).stream().map(Assignment::id).toList(), id);
            assertEquals(Set.of(id, "plain"), scope().membersOf(id), id);
            assertEquals(Set.of(id), scope().groupsOf(List.of(id)).get(id), id);
        }
        assertEquals(Set.copyOf(HOSTILE_IDS), scope().groupsOf(List.of("plain")).get("plain"));
    }

    @Test
    void clearForgetsGenerationsAndMemberships() {
        scope().saveAssignments("gen-1", List.of(assignment("a1", "p1")));
        scope().addMembers("g1", List.of("u1"));
        scope().clear();
        assertTrue(scope().assignmentsOf("gen-1", List.of("p1")).isEmpty());
        assertTrue(scope().membersOf("g1").isEmpty());
        assertTrue(scope().groupsOf(List.of("u1")).isEmpty());
    }
}
