package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.host.LocalHost;
import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the Function App locally, like func start: the HTTP endpoints, the timer and the queue workers.")
final class ServeCommand extends ProductCommand {
    @Option(names = "--port", defaultValue = "7071", description = "HTTP port (default ${DEFAULT-VALUE}, as func start).")
    int port;

    @Option(names = "--no-timer", description = "Do not start cycles on SYNC_SCHEDULE; only on POST sync.")
    boolean noTimer;

    @Override
    protected int run(Product product) throws InterruptedException {
        LocalHost host;
        try {
            host = new LocalHost(product, port, !noTimer, err::println).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        out.println("Serving on " + host.baseUrl() + "{test-connection,status,logs,sync,provision,restart,approve-deletions,pause,resume}");
        out.println("Console: " + host.baseUrl() + "console/");
        out.println(noTimer ? "Timer off." : "Timer: " + product.settings().schedule());
        out.println("Queue workers running. Ctrl+C to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stop.countDown();
        }));
        stop.await();
        return ExitCodes.OK;
    }
}
