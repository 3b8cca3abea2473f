package io.github.zendeskprovisioning.cli;

import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Logging on the command line. The product logs with java.util.logging and the SDKs log through SLF4J,
 * which slf4j-jdk14 hands to java.util.logging too, so one handler on the root logger decides what a user
 * sees: the product's warnings and errors, one line each, or with {@code --verbose} also its information and
 * detail lines and the SDKs' own. Inside the Functions host none of this runs: there the worker (and the Application Insights
 * agent) take java.util.logging as it is.
 */
final class ConsoleLogging {
    static final String PRODUCT_LOGGERS = "io.github.zendeskprovisioning";
    // Held, so the levels set on them are not lost when nothing else references the logger.
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger PRODUCT = Logger.getLogger(PRODUCT_LOGGERS);
    /**
     * The SDKs' loggers (azure-core and its HTTP stack, the Graph SDK and Kiota). azure-core logs every exception
     * it throws at ERROR before the product has seen it, a 404 for a row that is not there yet included; the
     * product reports the failures that matter itself, so these lines are shown only with --verbose.
     */
    private static final List<Logger> SDKS = Stream.of("com.azure", "com.microsoft", "reactor", "io.netty")
            .map(Logger::getLogger).toList();

    private ConsoleLogging() {
    }

    static synchronized void configure(boolean verbose) {
        // Only the root's handlers are replaced (not LogManager.reset()), so handlers others added stay.
        for (Handler h : ROOT.getHandlers()) ROOT.removeHandler(h);
        Handler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter(verbose));
        console.setLevel(verbose ? Level.FINE : Level.WARNING);
        ROOT.addHandler(console);
        ROOT.setLevel(verbose ? Level.INFO : Level.WARNING);
        // The SDKs' detail (azure-core's FINE is every HTTP exchange) stays out even in verbose mode.
        PRODUCT.setLevel(verbose ? Level.FINE : null);
        for (Logger sdk : SDKS) sdk.setLevel(verbose ? null : Level.OFF);
    }
}
