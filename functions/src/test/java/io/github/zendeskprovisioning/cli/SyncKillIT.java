package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.cycle.CycleQueues;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import io.github.zendeskprovisioning.wiring.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sync} killed with SIGKILL half-way through a cycle, as a reboot or a closed laptop would: the next
 * {@code sync} takes the cycle over, drives it to its end and exits 0, and Zendesk holds every user once.
 * Runs the jar as a process over Azurite and both simulators.
 */
@ExtendWith(AzuriteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncKillIT {
    private static final String JAR = System.getProperty("product.jar");
    private final SimulatedWorld world = SimulatedWorld.demo(0);
    private final String connection;
    private final StateStores stores;
    private final Path workDir;

    SyncKillIT(AzuriteExtension.Azurite azurite) throws Exception {
        world.zendesk().jobPollsBeforeCompletion(0);
        connection = azurite.connectionString();
        // The jar uses the tables and queues without a prefix, as other tests of this JVM's Azurite do: start and end clean.
        stores = AzureStateStores.fromConnectionString(connection, "");
        workDir = Files.createTempDirectory("sync-kill-it");
    }

    @BeforeAll
    @AfterAll
    void clearStorage() {
        stores.links().clear();
        stores.cycles().clear();
        stores.log().clear();
        stores.escrow().clear();
        stores.scope().clear();
        for (String q : List.of(CycleQueues.PLAN, CycleQueues.WORK, CycleQueues.STAGED)) stores.queues().queue(q).clear();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private Process sync(Path out) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", JAR, "sync").directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> e = pb.environment();
        Settings.NAMES.forEach(e::remove);
        e.putAll(world.settingsValues());
        e.put(Settings.STORAGE, connection);
        return pb.start();
    }

    private Optional<CycleRecord> current() {
        String id = stores.cycles().jobState().currentCycleId();
        return id == null ? Optional.empty() : stores.cycles().find(id);
    }

    /** Starts {@code sync} and kills it (SIGKILL) as soon as its cycle is where {@code at} says. */
    private String syncKilledWhen(Predicate<CycleRecord> at, String what) throws Exception {
        Path out = Files.createTempFile(workDir, "killed", ".txt");
        Process p = sync(out);
        try {
            for (int i = 0; i < 2_400; i++) {
                Optional<CycleRecord> c = current();
                if (c.isPresent() && c.get().finishedAt() == null && at.test(c.get())) {
                    p.destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                    return c.get().cycleId();
                }
                assertTrue(p.isAlive(), "sync ended before it was " + what + ": " + Files.readString(out));
                Thread.sleep(25);
            }
            throw new AssertionError("the cycle never was " + what + ": " + Files.readString(out));
        } finally {
            p.destroyForcibly();
        }
    }

    private String syncToEnd() throws Exception {
        Path out = Files.createTempFile(workDir, "sync", ".txt");
        Process p = sync(out);
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "sync did not end");
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private SimulatedUser user(int i) {
        return world.zendesk().users().stream().filter(u -> DemoTenant.userId(i).equals(u.externalId())).findFirst().orElse(null);
    }

    private void everyoneOnce() {
        List<String> external = new ArrayList<>();
        world.zendesk().users().stream().map(SimulatedUser::externalId).filter(x -> x != null).forEach(external::add);
        assertEquals(external.size(), external.stream().distinct().count(), "nobody was created twice");
    }

    @Test
    void syncKilledWhilePlanningWorkingOrFinishingIsTakenOverByTheNextSyncWhichExitsZero() throws Exception {
        // Initial cycle, killed while planning: the next sync takes it over (its holder no longer runs).
        String initial = syncKilledWhen(c -> !c.phase().equals("ASSIGNMENTS"), "past its first plan step");
        String resumed = syncToEnd();
        assertTrue(resumed.contains(initial) && resumed.contains("took it over"), resumed);
        CycleRecord first = stores.cycles().find(initial).orElseThrow();
        assertEquals(CycleStatus.COMPLETED, first.status(), first.statusReason());
        everyoneOnce();
        assertEquals("admin", user(1).role());
        assertTrue(first.count("Create.Success") > 200, first.counts().toString());

        // Incremental cycle (a rename, three unassignments), killed while its work batches run.
        world.graph().updateUser(DemoTenant.userId(7), Map.of("displayName", "Renamed Seven"));
        for (int i = 41; i <= 43; i++) world.graph().unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.userId(i));
        String incremental = syncKilledWhen(c -> !c.cycleId().equals(initial) && c.batchesDone() > 0, "working its batches");
        String done = syncToEnd();
        assertTrue(done.contains(incremental) && done.contains("took it over"), done);
        CycleRecord second = stores.cycles().find(incremental).orElseThrow();
        assertEquals(CycleStatus.COMPLETED, second.status(), second.statusReason());
        assertEquals("Renamed Seven", user(7).name());
        assertTrue(user(41).suspended() && user(42).suspended() && user(43).suspended());
        assertFalse(user(44).suspended());
        assertEquals(3, second.count("Disable.Success"));
        everyoneOnce();

        // Incremental cycle killed while it makes its removals: Zendesk answers slowly (real time), so the finish
        // steps are still running when the kill comes; the next sync makes each removal once.
        for (int i = 44; i <= 46; i++) world.graph().unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.userId(i));
        world.zendesk().faults().latency(java.time.Duration.ofMillis(400));
        String finishing;
        try {
            finishing = syncKilledWhen(c -> !c.cycleId().equals(incremental) && c.phase().equals("FINISH"), "making its removals");
        } finally {
            world.zendesk().faults().latency(java.time.Duration.ZERO);
        }
        String finished = syncToEnd();
        assertTrue(finished.contains(finishing) && finished.contains("took it over"), finished);
        CycleRecord third = stores.cycles().find(finishing).orElseThrow();
        assertEquals(CycleStatus.COMPLETED, third.status(), third.statusReason());
        assertTrue(user(44).suspended() && user(45).suspended() && user(46).suspended());
        assertEquals(3, third.count("Disable.Success"), third.counts().toString());
        everyoneOnce();
    }
}
