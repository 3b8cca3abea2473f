package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.FakeZendesk;
import io.github.zendeskprovisioning.engine.fakes.MutableClock;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.ports.MessageQueues;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.ports.ZendeskTarget;
import io.github.zendeskprovisioning.engine.settings.ProvisioningSettings;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill anywhere: the handler of a queue message dies right after one store write, one message send or one
 * Zendesk write, each such point once (a run per point), and the cycle then resumes as it would after a
 * crash: the message comes back after its visibility timeout, a claim lapses, the watchdog looks. Every run
 * ends with the Zendesk state, links, log entries, counts and cycle outcomes of a run that never died.
 */
class KillAnywhereTest {
    private static final Set<String> WRITES = Set.of("create", "update", "completeStep", "updateJobState", "stageRemovals",
            "settleRemovals", "recordIntents", "carryWork", "insert", "upsertAll", "delete", "put", "remove", "append", "saveAssignments", "addMembers",
            "removeMembers", "removeGroup", "deleteGeneration", "send",
            "createUsers", "updateUsers", "deleteUser", "createGroup", "updateGroup", "deleteGroup", "createMemberships",
            "deleteMemberships", "record", "forget");
    /** Counters that depend on how often something was asked, not on what the cycle decided. */
    private static final Set<String> REQUEST_COUNTS = Set.of(RequestMeter.ZENDESK_REQUESTS, RequestMeter.ZENDESK_WRITES,
            RequestMeter.ZENDESK_THROTTLED, RequestMeter.GRAPH_REQUESTS, Counts.ATTEMPTED_WRITES);

    /** Thrown at the chosen point: the handler is gone (an Error, so no handler code catches it as a failed call). */
    static final class Killed extends Error {
        Killed(String point) {
            super("killed after " + point, null, false, false);
        }
    }

    /** Counts write points made while a handler runs and kills the handler at one of them. */
    static final class CrashPoints {
        final int killAt;
        int seen;
        boolean handling;
        String killedAfter;
        /** The handler is a group work batch's, killed after it wrote to Zendesk: its redelivery must report that write. */
        boolean inGroupBatch;
        boolean groupWritten;
        boolean killedAfterGroupWrite;
        /** The handler is a user work batch's, killed after it wrote to Zendesk: its redelivery must report that write. */
        boolean inUserBatch;
        boolean userWritten;
        boolean killedAfterUserWrite;

        CrashPoints(int killAt) {
            this.killAt = killAt;
        }

        void after(String point) {
            if (!handling) return;
            seen++;
            if (point.startsWith("zendesk.") && inGroupBatch) groupWritten = true;
            if (point.startsWith("zendesk.") && inUserBatch) userWritten = true;
            if (seen == killAt) {
                killedAfter = point;
                killedAfterGroupWrite = groupWritten;
                killedAfterUserWrite = userWritten;
                throw new Killed(point);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T crashing(Class<T> type, T delegate, CrashPoints points, String name) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof MessageQueue q && method.getName().equals("queue")) {
                return crashing(MessageQueue.class, q, points, q.name());
            }
            if (WRITES.contains(method.getName())) points.after(name + "." + method.getName());
            return result;
        });
    }

    /** One world: Entra, Zendesk and state, with an engine whose ports die at the chosen point. */
    private static final class World {
        final FakeEntra entra = new FakeEntra();
        final FakeZendesk zendesk = new FakeZendesk();
        final MutableClock clock = new MutableClock();
        final StateStores real = InMemoryStateStores.create(clock);
        final CrashPoints points;
        final ProvisioningEngine engine;
        final List<String> cycles = new ArrayList<>();
        final Map<String, String> ids = new TreeMap<>();
        final int threshold;

        World(int killAt, int threshold) {
            this.points = new CrashPoints(killAt);
            this.threshold = threshold;
            StateStores stores = new StateStores(crashing(io.github.zendeskprovisioning.engine.ports.LinkStore.class, real.links(), points, "links"),
                    crashing(io.github.zendeskprovisioning.engine.ports.CycleStore.class, real.cycles(), points, "cycles"),
                    crashing(io.github.zendeskprovisioning.engine.ports.ProvisioningLog.class, real.log(), points, "log"),
                    crashing(io.github.zendeskprovisioning.engine.ports.EscrowStore.class, real.escrow(), points, "escrow"),
                    crashing(io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore.class, real.scope(), points, "scope"),
                    crashing(MessageQueues.class, real.queues(), points, "queues"),
                    crashing(io.github.zendeskprovisioning.engine.ports.ProvisionedMembershipStore.class, real.memberships(), points, "memberships"),
                    real.retention());
            ZendeskTarget target = crashing(ZendeskTarget.class, zendesk, points, "zendesk");
            ProvisioningSettings settings = new ProvisioningSettings(FakeEntra.SP, ScopeMode.ASSIGNED_ONLY, MappingConfiguration.defaults(), threshold, false);
            engine = new ProvisioningEngine(new EngineContext(settings, entra, target, stores, null, clock));
            entra.pageSize = 3;
        }

        String user(String name) {
            return ids.computeIfAbsent(name, n -> entra.addUser(n + "@contoso.com", n));
        }

        /** Eight agents, a group assigned as agent with two of them and one user assigned only through it, and a second group. */
        void seed() {
            for (int i = 0; i < 8; i++) entra.assign(user("u" + i), false, FakeEntra.ROLE_AGENT);
            String group = entra.addGroup("Support");
            ids.put("Support", group);
            for (String m : List.of("u0", "u1", "g8")) entra.addMember(group, user(m));
            entra.assign(group, true, FakeEntra.ROLE_AGENT);
            String sales = entra.addGroup("Sales");
            ids.put("Sales", sales);
            for (String m : List.of("u6", "u7")) entra.addMember(sales, user(m));
            entra.assign(sales, true, FakeEntra.ROLE_AGENT);
        }

        /** A rename, an unassignment, a hard delete, a new user, a member leaving and one joining, a group unassigned. */
        void change() {
            entra.update(user("u2"), "displayName", "u2 renamed");
            entra.unassign(user("u3"));
            entra.remove(user("u4"), Removal.HARD_DELETED);
            entra.assign(user("u9"), false, FakeEntra.ROLE_AGENT);
            entra.removeMember(ids.get("Support"), user("u1"));
            entra.addMember(ids.get("Support"), user("u5"));
            entra.unassign(ids.get("Sales"));
        }

        /** Runs one cycle as a process would: handle what is visible, and when nothing is, let time pass. */
        CycleRecord cycle() {
            ProvisioningEngine.StartResult started = engine.startCycle(false, false, "cli", "test");
            String cycleId = started.cycle().cycleId();
            cycles.add(cycleId);
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
            throw new AssertionError("cycle " + cycleId + " never ended (killed after " + points.killedAfter + ")");
        }

        private boolean handleOne(MessageQueue queue) {
            List<QueueMessage> got = queue.receive(1, Duration.ofSeconds(30));
            if (got.isEmpty()) return false;
            points.handling = true;
            points.groupWritten = false;
            points.userWritten = false;
            String body = got.get(0).body();
            points.inGroupBatch = body.contains("\"type\":\"GroupBatch\"");
            points.inUserBatch = body.contains("\"type\":\"UserBatch\"");
            try {
                engine.handle(got.get(0).body());
                points.handling = false;
                queue.delete(got.get(0));
            } catch (Killed e) {
                // The process died holding the message: it comes back after the visibility timeout.
            } finally {
                points.handling = false;
            }
            return true;
        }

        /** What a cycle leaves behind, independent of ids chosen at random or by order. */
        String outcome(List<CycleRecord> ends) {
            Map<Long, String> external = zendesk.allUsers().stream().collect(Collectors.toMap(ZendeskUser::id, u -> String.valueOf(u.externalId())));
            StringBuilder s = new StringBuilder();
            zendesk.allUsers().stream().map(u -> "user " + u.externalId() + " " + u.email() + " " + u.name() + " " + u.role()
                    + (u.suspended() ? " suspended" : "") + (u.active() ? "" : " deleted")).sorted().forEach(x -> s.append(x).append('\n'));
            for (ZendeskGroup g : zendesk.allGroups()) {
                s.append("group ").append(g.name()).append(g.deleted() ? " deleted" : "").append(' ')
                        .append(zendesk.membersOf(g.id()).stream().map(external::get).sorted().toList()).append('\n');
            }
            for (ObjectKind kind : ObjectKind.values()) {
                StreamSupport.stream(real.links().all(kind).spliterator(), false)
                        .map(l -> "link " + kind + " " + l.entraId() + " " + l.state() + " " + l.role() + " " + linkTarget(l, external))
                        .sorted().forEach(x -> s.append(x).append('\n'));
            }
            for (CycleRecord end : ends) {
                s.append("cycle ").append(end.mode()).append(' ').append(end.status()).append(' ').append(end.statusReason()).append('\n');
            }
            s.append("job deletionsApproved=").append(real.cycles().jobState().deletionsApproved())
                    .append(" current=").append(real.cycles().jobState().currentCycleId()).append('\n');
            return s.toString();
        }

        /** The cycles' counts and log entries. */
        String record(List<CycleRecord> ends) {
            StringBuilder s = new StringBuilder();
            for (CycleRecord end : ends) {
                s.append("cycle ").append(ends.indexOf(end)).append('\n');
                end.counts().entrySet().stream().filter(e -> !REQUEST_COUNTS.contains(e.getKey()) && e.getValue() != 0)
                        .map(e -> "  count " + e.getKey() + "=" + e.getValue()).sorted().forEach(x -> s.append(x).append('\n'));
                real.log().query(new LogQuery(end.cycleId(), null, null, null), 1000, null).entries().stream()
                        // An operator action's reason names the cycle id, which differs from run to run: its requester is compared.
                        .map(e -> "  log " + e.kind() + " " + e.sourceId() + " " + e.action() + " " + e.status() + " "
                                + (e.action() == io.github.zendeskprovisioning.engine.state.ProvisioningAction.OPERATOR_ACTION
                                        ? e.steps().get(0) : e.reason()))
                        .sorted().forEach(x -> s.append(x).append('\n'));
            }
            return s.toString();
        }

        private String linkTarget(Link l, Map<Long, String> external) {
            return l.kind() == ObjectKind.USER ? external.getOrDefault(l.zendeskId(), "?")
                    : zendesk.allGroups().stream().filter(g -> g.id() == l.zendeskId()).map(ZendeskGroup::name).findFirst().orElse("?");
        }
    }

    record Result(String state, String record) {
    }

    /** The scenario: an initial cycle, changes, an incremental cycle; then (when held) approval and one more. */
    private static Result run(World w) {
        w.seed();
        List<CycleRecord> ends = new ArrayList<>();
        ends.add(w.cycle());
        w.change();
        CycleRecord second = w.cycle();
        ends.add(second);
        if (second.status() == CycleStatus.HELD) {
            w.engine.approveDeletions();
            ends.add(w.cycle());
        }
        return new Result(w.outcome(ends), w.record(ends));
    }

    /**
     * Runs the scenario once per kill point. Zendesk, links, cycle outcomes, counts and log entries must always
     * equal the reference, exactly. A user or group batch killed after its Zendesk write reports, when delivered
     * again, the write its first delivery made (from the intents it recorded before writing), never "unchanged".
     */
    private static void everyPointOnce(int threshold) {
        World reference = new World(Integer.MAX_VALUE, threshold);
        Result expected = run(reference);
        int points = reference.points.seen;
        assertTrue(points > 100, "the scenario has many points to die at: " + points);
        List<String> wrong = new ArrayList<>();
        int afterUserWrites = 0;
        int afterGroupWrites = 0;
        assertTrue(expected.record().contains("DISABLE SUCCESS") || expected.record().contains("STAGED_DELETE"), expected.record());
        for (int k = 1; k <= points; k++) {
            World w = new World(k, threshold);
            Result actual;
            try {
                actual = run(w);
            } catch (AssertionError | RuntimeException e) {
                wrong.add(k + " after " + w.points.killedAfter + ": " + e.getMessage());
                continue;
            }
            String where = k + " after " + w.points.killedAfter;
            if (w.points.killedAfterUserWrite) afterUserWrites++;
            if (w.points.killedAfterGroupWrite) afterGroupWrites++;
            if (!expected.state().equals(actual.state())) wrong.add(where + ": " + difference(expected.state(), actual.state()));
            if (!expected.record().equals(actual.record())) wrong.add(where + ": " + difference(expected.record(), actual.record()));
            assertEquals(w.zendesk.allUsers().size(), w.zendesk.allUsers().stream().map(ZendeskUser::externalId).distinct().count(),
                    "nobody created twice (" + where + ")");
        }
        assertEquals(List.of(), wrong, "points whose outcome differs");
        assertTrue(afterUserWrites >= 15, "user batches killed after their Zendesk write, each exact: " + afterUserWrites);
        assertTrue(afterGroupWrites >= 8, "group batches killed after their Zendesk write, each exact: " + afterGroupWrites);
        System.out.println("KillAnywhereTest: " + points + " kill points, every one exactly as uninterrupted (Zendesk, links,"
                + " cycle outcomes, counts, log); " + afterUserWrites + " of them a user batch and " + afterGroupWrites
                + " a group batch killed after its Zendesk write");
    }

    private static String difference(String expected, String actual) {
        List<String> exp = List.of(expected.split("\n"));
        List<String> act = List.of(actual.split("\n"));
        return "missing " + exp.stream().filter(x -> !act.contains(x)).toList() + " extra " + act.stream().filter(x -> !exp.contains(x)).toList();
    }

    @Test
    void aHandlerKilledAfterAnyWriteOrSendLeavesTheSameResultAsAnUninterruptedRun() {
        everyPointOnce(500);
    }

    @Test
    void aHeldCycleKilledAnywhereStaysHeldAndApprovalReleasesTheSameRemovals() {
        everyPointOnce(1);
    }
}
