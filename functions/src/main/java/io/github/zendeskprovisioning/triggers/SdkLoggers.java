package io.github.zendeskprovisioning.triggers;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Azure SDK's own log lines, turned off inside the Functions host. azure-core logs every exception it throws
 * at ERROR before the product has seen it: a point read of a table row that is not there yet, which the product
 * expects several times a cycle, would reach the host's log and Application Insights as an error each time. The
 * product reports the storage failures that matter itself, saying what it was doing (a rejected key, a missing
 * table, a timeout), so the SDK's lines add nothing an admin can act on. The CLI does the same unless --verbose.
 * Only the Azure SDK and its HTTP stack: the Functions worker's own loggers are left alone.
 */
final class SdkLoggers {
    static final List<String> NAMES = List.of("com.azure", "reactor", "io.netty");

    // Held: java.util.logging keeps loggers weakly, and a collected logger loses the level set on it.
    private final List<Logger> held;

    private SdkLoggers(List<Logger> held) {
        this.held = held;
    }

    static SdkLoggers turnedOff() {
        List<Logger> loggers = NAMES.stream().map(Logger::getLogger).toList();
        loggers.forEach(l -> l.setLevel(Level.OFF));
        return new SdkLoggers(loggers);
    }

    /** Gives the loggers back their inherited levels (tests share one JVM). */
    void restore() {
        held.forEach(l -> l.setLevel(null));
    }
}
