package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.engine.ConnectionTest;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.reports.CycleReport;
import io.github.zendeskprovisioning.wiring.Product;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * One cycle run to its end in this process, through the configured queues and tables: the connection is
 * checked first (so wrong credentials write nothing), progress is printed as it goes, a summary at the end.
 */
public final class SyncRun {
    /** Work messages handled side by side, as host.json's queue batchSize lets one instance do. */
    static final int WORKERS = 4;

    private final PrintStream out;
    private final PrintStream err;
    private final CycleReport report = new CycleReport();
    private CycleRecord last;

    public SyncRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public CycleRecord last() {
        return last;
    }

    public int run(Product product, boolean initial, boolean dryRun) throws InterruptedException {
        ConnectionTest.Result check = product.testConnection();
        if (!check.ok()) {
            check.checks().stream().filter(c -> !c.ok()).forEach(c -> err.println(c.name() + ": " + c.message()));
            err.println("nothing was written to Zendesk");
            return ExitCodes.CONFIGURATION;
        }
        ProvisioningEngine engine = product.engine();
        String holder = CycleRunner.defaultHolder("sync");
        ProvisioningEngine.StartResult started = engine.startCycle(initial, dryRun, "cli", holder, ProductCommand.requester());
        if (started.cycle() == null || started.outcome() == ProvisioningEngine.StartOutcome.QUARANTINED
                || started.outcome() == ProvisioningEngine.StartOutcome.PAUSED) {
            err.println(started.message());
            return started.outcome() == ProvisioningEngine.StartOutcome.QUARANTINED ? ExitCodes.HELD : ExitCodes.FAILED;
        }
        if (started.outcome() == ProvisioningEngine.StartOutcome.ALREADY_RUNNING) {
            // One cycle at a time: this process works the running cycle's queues beside its holder (taking the
            // lease over if that holder stops renewing it) and reports that cycle's result.
            out.println(started.message() + "; " + holder + " joins it and works beside it until it ends");
            if (initial || dryRun) out.println("  (it runs as started; --initial/--dry-run apply to a cycle this command starts)");
        } else {
            out.println(started.message());
        }
        String cycleId = started.cycle().cycleId();
        Instant[] lastPrint = {Instant.EPOCH};
        int[] lastDone = {-1};
        CycleRecord end = new CycleRunner(engine, Duration.ofSeconds(30), 5, WORKERS, p -> err.println("  ! " + p), holder)
                .runToEnd(cycleId, Duration.ofHours(3), c -> {
                    boolean moved = c.batchesDone() != lastDone[0];
                    if (moved && Instant.now().isAfter(lastPrint[0].plusMillis(1000)) && c.finishedAt() == null) {
                        out.println("  " + report.progress(c));
                        lastPrint[0] = Instant.now();
                        lastDone[0] = c.batchesDone();
                    }
                });
        last = end;
        out.println();
        out.print(report.summary(end));
        return switch (end.status()) {
            case COMPLETED -> ExitCodes.OK;
            case HELD, QUARANTINED -> ExitCodes.HELD;
            case FAILED, RUNNING -> ExitCodes.FAILED;
        };
    }
}
