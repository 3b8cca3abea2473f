package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.FakeZendesk;
import io.github.zendeskprovisioning.engine.fakes.MutableClock;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.ports.MessageQueues;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.settings.ProvisioningSettings;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plan steps whose input grows with the tenant are chains of bounded steps: one page per message. */
class BoundedPlanStepsTest {
    private final Tenant t = new Tenant();

    private static Link link(String entraId, long zendeskId, LinkState state) {
        return new Link(ObjectKind.USER, entraId, zendeskId, state, "end-user", "hash", Instant.EPOCH, null);
    }

    @Test
    void anOrphansSweepOverMoreLinksThanAPageIsOneStepPerPageAndFindsOrphansOnEveryPage() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        List<Link> links = new ArrayList<>();
        // 2,500 suspended links (read, never orphans) and an active orphan on the first, second and third page.
        for (int i = 0; i < 2_500; i++) links.add(link(String.format("link-%04d", i), 100_000 + i, LinkState.SUSPENDED));
        List<ZendeskUser> orphans = new ArrayList<>();
        for (String id : List.of("aaa-gone", "link-1500-gone", "zzz-gone")) {
            ZendeskUser u = t.zendesk.addUser(id, id + "@contoso.com", id, "end-user");
            orphans.add(u);
            links.add(link(id, u.id(), LinkState.ACTIVE));
        }
        t.stores.links().upsertAll(links);

        CycleRecord cycle = t.sync(true, false);

        assertEquals(CycleStatus.COMPLETED, cycle.status(), cycle.statusReason());
        int pages = (2_503 + CyclePlanner.ORPHANS_PER_STEP - 1) / CyclePlanner.ORPHANS_PER_STEP;
        for (int step = 0; step < pages; step++) {
            assertTrue(t.stores.cycles().stepDone(cycle.cycleId(), "plan-orphans-" + step), "step " + step);
        }
        assertFalse(t.stores.cycles().stepDone(cycle.cycleId(), "plan-orphans-" + pages));
        for (ZendeskUser u : orphans) {
            assertTrue(t.zendesk.usersByIds(List.of(u.id())).get(0).suspended(), u.externalId() + " suspended");
        }
        assertEquals(3, cycle.count("Disable.Success"), "the three orphans, nothing else");
    }

    @Test
    void aNewlyAssignedGroupOfSeveralPagesStoresOnePageOfMembersPerStep() {
        List<Integer> added = new ArrayList<>();
        StateStores real = t.stores;
        t.stores = new StateStores(real.links(), real.cycles(), real.log(), real.escrow(), recording(real.scope(), added),
                real.queues(), real.memberships(), real.retention());
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        String big = t.entra.addGroup("Everyone");
        for (int i = 0; i < 23; i++) t.entra.addMember(big, t.entra.addUser("e" + i + "@contoso.com", "E " + i));
        t.sync(); // the group exists, unassigned: its members are not tracked
        t.entra.pageSize = 5;
        t.entra.assign(big, true, FakeEntra.ROLE_AGENT);
        added.clear();

        CycleRecord cycle = t.sync();

        assertEquals(CycleStatus.COMPLETED, cycle.status(), cycle.statusReason());
        // Steps 1..5 read the 23 members 5 at a time, each storing only its own page.
        for (int step = 1; step <= 5; step++) {
            assertTrue(t.stores.cycles().stepDone(cycle.cycleId(), "plan-assignment_changes-" + step), "step " + step);
        }
        assertEquals(List.of(5, 5, 5, 5, 3), added);
    }

    @Test
    void anUnassignedGroupLargerThanAPageIsReevaluatedAndForgottenOnePageOfMembersPerStep() {
        List<String> calls = new ArrayList<>();
        StateStores real = t.stores;
        t.stores = new StateStores(real.links(), real.cycles(), real.log(), real.escrow(), pagedCalls(real.scope(), calls),
                real.queues(), real.memberships(), real.retention());
        t.deleteThreshold = 5_000;
        String big = t.entra.addGroup("Everyone");
        List<String> members = new ArrayList<>();
        int size = 2 * CyclePlanner.MEMBERS_PER_STEP + 200;
        for (int i = 0; i < size; i++) {
            String id = t.entra.addUser(String.format("e%04d@contoso.com", i), "E " + i);
            t.entra.addMember(big, id);
            members.add(id);
        }
        t.entra.assign(big, true, FakeEntra.ROLE_AGENT);
        assertEquals(CycleStatus.COMPLETED, t.sync().status());
        t.entra.unassign(big);
        calls.clear();

        CycleRecord cycle = t.sync();

        assertEquals(CycleStatus.COMPLETED, cycle.status(), cycle.statusReason());
        assertEquals(size, cycle.count("Disable.Success"));
        assertEquals(0, members.stream().filter(id -> !t.zendesk.byExternalId(id).suspended()).count(), "all suspended");
        // Step 0 re-evaluates the directly assigned users; steps 1..3 read the group's stored members one page each.
        for (int step = 0; step <= 3; step++) {
            assertTrue(t.stores.cycles().stepDone(cycle.cycleId(), "plan-assignment_changes-" + step), "step " + step);
        }
        assertFalse(t.stores.cycles().stepDone(cycle.cycleId(), "plan-assignment_changes-4"));
        int page = CyclePlanner.MEMBERS_PER_STEP;
        int forget = CycleFinisher.FORGET_PER_STEP;
        assertEquals(List.of("membersPage:" + page, "membersPage:" + page, "membersPage:200",
                        // the finish: one page read and forgotten per step, then a read that finds none left
                        "membersPage:" + forget, "removeMembers:" + forget, "membersPage:" + forget, "removeMembers:" + forget,
                        "membersPage:200", "removeMembers:200", "membersPage:0", "removeGroup"),
                calls.stream().filter(c -> c.startsWith("membersPage") || c.startsWith("removeMembers") || c.startsWith("removeGroup")
                        || c.startsWith("membersOf")).toList());
        assertTrue(t.stores.scope().membersOf(big).isEmpty(), "forgotten on commit");
        assertEquals(0, t.sync().count("Disable.Success"), "made once");
    }

    /** Thrown at the chosen point: the handler is gone (an Error, so no handler code catches it). */
    private static final class Killed extends Error {
        Killed(String point) {
            super("killed after " + point, null, false, false);
        }
    }

    /**
     * An initial cycle over 2,503 user links, three of them orphans on different pages, whose ORPHANS steps
     * die after their k-th store write or message send; the message then comes back after its visibility
     * timeout, as in Azure.
     */
    private static final class Sweep {
        final FakeEntra entra = new FakeEntra();
        final FakeZendesk zendesk = new FakeZendesk();
        final MutableClock clock = new MutableClock();
        final StateStores real = InMemoryStateStores.create(clock);
        final List<ZendeskUser> orphans = new ArrayList<>();
        final int killAt;
        final ProvisioningEngine engine;
        int seen;
        boolean armed;
        String killedAfter;

        Sweep(int killAt) {
            this.killAt = killAt;
            StateStores stores = new StateStores(real.links(), crashing(CycleStore.class, real.cycles(), "cycles"), real.log(),
                    real.escrow(), real.scope(), crashing(MessageQueues.class, real.queues(), "queues"), real.memberships(),
                    real.retention());
            ProvisioningSettings settings = new ProvisioningSettings(FakeEntra.SP, ScopeMode.ASSIGNED_ONLY,
                    MappingConfiguration.defaults(), 500, false);
            engine = new ProvisioningEngine(new EngineContext(settings, entra, zendesk, stores, null, clock));
            String alice = entra.addUser("alice@contoso.com", "Alice");
            entra.assign(alice, false, FakeEntra.ROLE_AGENT);
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) links.add(link(String.format("link-%04d", i), 100_000 + i, LinkState.SUSPENDED));
            for (String id : List.of("aaa-gone", "link-1500-gone", "zzz-gone")) {
                ZendeskUser u = zendesk.addUser(id, id + "@contoso.com", id, "end-user");
                orphans.add(u);
                links.add(link(id, u.id(), LinkState.ACTIVE));
            }
            real.links().upsertAll(links);
        }

        @SuppressWarnings("unchecked")
        private <T> T crashing(Class<T> type, T delegate, String name) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
                Object result;
                try {
                    result = method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (result instanceof MessageQueue q && method.getName().equals("queue")) {
                    return crashing(MessageQueue.class, q, q.name());
                }
                if (armed && Set.of("completeStep", "send", "update", "create").contains(method.getName()) && ++seen == killAt) {
                    killedAfter = name + "." + method.getName();
                    throw new Killed(killedAfter);
                }
                return result;
            });
        }

        CycleRecord cycle() {
            String cycleId = engine.startCycle(true, false, "cli", "test").cycle().cycleId();
            MessageQueue plan = real.queues().queue(CycleQueues.PLAN);
            MessageQueue work = real.queues().queue(CycleQueues.WORK);
            for (int round = 0; round < 2_000; round++) {
                CycleRecord c = real.cycles().find(cycleId).orElseThrow();
                if (c.finishedAt() != null) return c;
                boolean took = handleOne(plan) | handleOne(work);
                if (!took) {
                    clock.advance(Duration.ofSeconds(31));
                    engine.keepAlive("test");
                }
            }
            throw new AssertionError("cycle never ended (killed after " + killedAfter + ")");
        }

        private boolean handleOne(MessageQueue queue) {
            List<QueueMessage> got = queue.receive(1, Duration.ofSeconds(30));
            if (got.isEmpty()) return false;
            String body = got.get(0).body();
            armed = body.contains("ORPHANS") && body.contains("PlanStep");
            try {
                engine.handle(body);
                armed = false;
                queue.delete(got.get(0));
            } catch (Killed e) {
                // The worker died holding the message: it comes back after the visibility timeout.
            } finally {
                armed = false;
            }
            return true;
        }
    }

    @Test
    void anOrphansSweepKilledAfterAnyWriteOrSendOfItsStepsResumesAndSuspendsEachOrphanOnce() {
        Sweep reference = new Sweep(Integer.MAX_VALUE);
        CycleRecord expected = reference.cycle();
        assertEquals(CycleStatus.COMPLETED, expected.status(), expected.statusReason());
        int points = reference.seen;
        assertTrue(points >= 6, "three steps, each a completed step and a send or more: " + points);
        List<String> wrong = new ArrayList<>();
        for (int k = 1; k <= points; k++) {
            Sweep w = new Sweep(k);
            CycleRecord end = w.cycle();
            String where = k + " after " + w.killedAfter;
            if (end.status() != CycleStatus.COMPLETED) wrong.add(where + ": " + end.status() + " " + end.statusReason());
            if (end.count("Disable.Success") != 3) wrong.add(where + ": " + end.count("Disable.Success") + " suspensions");
            for (ZendeskUser u : w.orphans) {
                if (!w.zendesk.usersByIds(List.of(u.id())).get(0).suspended()) wrong.add(where + ": " + u.externalId() + " not suspended");
            }
        }
        assertEquals(List.of(), wrong);
        System.out.println("BoundedPlanStepsTest: orphans sweep killed at each of " + points + " points, always resumed");
    }

    /**
     * A group of twelve, assigned as agent and provisioned, then unassigned: the incremental cycle's
     * ASSIGNMENT_CHANGES and FINISH steps die after their k-th store write, membership removal or message send.
     */
    private static final class Unassign {
        final FakeEntra entra = new FakeEntra();
        final FakeZendesk zendesk = new FakeZendesk();
        final MutableClock clock = new MutableClock();
        final StateStores real = InMemoryStateStores.create(clock);
        final List<String> members = new ArrayList<>();
        final String group;
        final int killAt;
        final ProvisioningEngine engine;
        int seen;
        boolean armed;
        String killedAfter;

        Unassign(int killAt) {
            this.killAt = killAt;
            StateStores stores = new StateStores(real.links(), crashing(CycleStore.class, real.cycles(), "cycles"), real.log(),
                    real.escrow(), crashing(ScopeSnapshotStore.class, real.scope(), "scope"),
                    crashing(MessageQueues.class, real.queues(), "queues"), real.memberships(), real.retention());
            ProvisioningSettings settings = new ProvisioningSettings(FakeEntra.SP, ScopeMode.ASSIGNED_ONLY,
                    MappingConfiguration.defaults(), 500, false);
            engine = new ProvisioningEngine(new EngineContext(settings, entra, zendesk, stores, null, clock));
            group = entra.addGroup("Everyone");
            for (int i = 0; i < 12; i++) {
                String id = entra.addUser("e" + i + "@contoso.com", "E " + i);
                entra.addMember(group, id);
                members.add(id);
            }
            entra.assign(group, true, FakeEntra.ROLE_AGENT);
        }

        @SuppressWarnings("unchecked")
        private <T> T crashing(Class<T> type, T delegate, String name) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
                Object result;
                try {
                    result = method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (result instanceof MessageQueue q && method.getName().equals("queue")) {
                    return crashing(MessageQueue.class, q, q.name());
                }
                if (armed && Set.of("completeStep", "send", "update", "create", "removeMembers", "removeGroup").contains(method.getName())
                        && ++seen == killAt) {
                    killedAfter = name + "." + method.getName();
                    throw new Killed(killedAfter);
                }
                return result;
            });
        }

        CycleRecord cycle(boolean initial) {
            String cycleId = engine.startCycle(initial, false, "cli", "test").cycle().cycleId();
            MessageQueue plan = real.queues().queue(CycleQueues.PLAN);
            MessageQueue work = real.queues().queue(CycleQueues.WORK);
            for (int round = 0; round < 2_000; round++) {
                CycleRecord c = real.cycles().find(cycleId).orElseThrow();
                if (c.finishedAt() != null) return c;
                boolean took = handleOne(plan, !initial) | handleOne(work, false);
                if (!took) {
                    clock.advance(Duration.ofSeconds(31));
                    engine.keepAlive("test");
                }
            }
            throw new AssertionError("cycle never ended (killed after " + killedAfter + ")");
        }

        private boolean handleOne(MessageQueue queue, boolean mayKill) {
            List<QueueMessage> got = queue.receive(1, Duration.ofSeconds(30));
            if (got.isEmpty()) return false;
            String body = got.get(0).body();
            armed = mayKill && body.contains("PlanStep") && (body.contains("ASSIGNMENT_CHANGES") || body.contains("FINISH"));
            try {
                engine.handle(body);
                armed = false;
                queue.delete(got.get(0));
            } catch (Killed e) {
                // The worker died holding the message: it comes back after the visibility timeout.
            } finally {
                armed = false;
            }
            return true;
        }

        long suspended() {
            return members.stream().filter(id -> zendesk.byExternalId(id).suspended()).count();
        }
    }

    @Test
    void anUnassignmentKilledAfterAnyWriteOrSendOfItsPlanAndFinishStepsSuspendsEachMemberOnceAndForgetsTheGroup() {
        Unassign reference = new Unassign(Integer.MAX_VALUE);
        reference.cycle(true);
        reference.entra.unassign(reference.group);
        CycleRecord expected = reference.cycle(false);
        assertEquals(CycleStatus.COMPLETED, expected.status(), expected.statusReason());
        assertEquals(12, expected.count("Disable.Success"));
        int points = reference.seen;
        assertTrue(points >= 8, "re-evaluation and forgetting steps, each a write and a send or more: " + points);
        List<String> wrong = new ArrayList<>();
        for (int k = 1; k <= points; k++) {
            Unassign w = new Unassign(k);
            w.cycle(true);
            w.entra.unassign(w.group);
            CycleRecord end = w.cycle(false);
            String where = k + " after " + w.killedAfter;
            if (end.status() != CycleStatus.COMPLETED) wrong.add(where + ": " + end.status() + " " + end.statusReason());
            if (end.count("Disable.Success") != 12) wrong.add(where + ": " + end.count("Disable.Success") + " suspensions");
            if (w.suspended() != 12) wrong.add(where + ": " + w.suspended() + " suspended");
            if (!w.real.scope().membersOf(w.group).isEmpty()) wrong.add(where + ": memberships not forgotten");
            if (w.cycle(false).count("Disable.Success") != 0) wrong.add(where + ": suspended again by the next cycle");
        }
        assertEquals(List.of(), wrong);
        System.out.println("BoundedPlanStepsTest: unassignment killed at each of " + points + " points, always resumed");
    }

    /** The scope store, recording the size of each addMembers call. */
    private static ScopeSnapshotStore recording(ScopeSnapshotStore delegate, List<Integer> sizes) {
        return (ScopeSnapshotStore) Proxy.newProxyInstance(ScopeSnapshotStore.class.getClassLoader(),
                new Class<?>[]{ScopeSnapshotStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addMembers")) sizes.add(((Collection<?>) args[1]).size());
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The scope store, recording each paged read, removal and whole-group call as {@code name:size}. */
    private static ScopeSnapshotStore pagedCalls(ScopeSnapshotStore delegate, List<String> calls) {
        return (ScopeSnapshotStore) Proxy.newProxyInstance(ScopeSnapshotStore.class.getClassLoader(),
                new Class<?>[]{ScopeSnapshotStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    switch (method.getName()) {
                        case "membersPage" -> calls.add("membersPage:" + ((MemberPage) result).userIds().size());
                        case "removeMembers" -> calls.add("removeMembers:" + ((Collection<?>) args[1]).size());
                        case "removeGroup" -> calls.add("removeGroup");
                        case "membersOf" -> calls.add("membersOf");
                        default -> { }
                    }
                    return result;
                });
    }
}
