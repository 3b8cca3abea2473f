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
        ProvisioningEngine.StartResult started = engine.startCycle(initial, dryRun, "cli");
        switch (started.outcome()) {
            case QUARANTINED -> {
                err.println(started.message());
                return ExitCodes.HELD;
            }
            case ALREADY_RUNNING, PAUSED -> {
                err.println(started.message());
                return ExitCodes.FAILED;
            }
            case STARTED -> out.println(started.message());
        }
        String cycleId = started.cycle().cycleId();
        Instant[] lastPrint = {Instant.EPOCH};
        int[] lastDone = {-1};
        CycleRecord end = new CycleRunner(engine, Duration.ofSeconds(30), 5, WORKERS, p -> err.println("  ! " + p))
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
