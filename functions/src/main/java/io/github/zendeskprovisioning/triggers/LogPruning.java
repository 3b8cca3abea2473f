package io.github.zendeskprovisioning.triggers;

import io.github.zendeskprovisioning.engine.LogRetention;
import io.github.zendeskprovisioning.engine.ports.Retention;
import io.github.zendeskprovisioning.wiring.Product;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timer's pruning step, shared by the Function App's timer and serve's: PROVISIONING_LOG_RETENTION_DAYS,
 * {@link LogRetention#DELETES_PER_TICK} rows at most. A failure is logged and left for the next tick: it
 * never stops the cycle the timer started.
 */
public final class LogPruning {
    private static final Logger LOG = Logger.getLogger(LogPruning.class.getName());

    private LogPruning() {
    }

    /** One line saying what was pruned, for the timer's log. */
    public static String pruneOnce(Product product) {
        int days = product.settings().logRetentionDays();
        try {
            Retention.Pruned pruned = new LogRetention(product.stores().retention(), days, Clock.systemUTC()).pruneOnce();
            return "retention (" + days + " days): pruned " + pruned.deleted() + " rows"
                    + (pruned.finished() ? "" : "; more next tick");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retention: pruning failed, retried next tick: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return "retention (" + days + " days): failed (" + e.getClass().getSimpleName() + "), retried next tick";
        }
    }
}
