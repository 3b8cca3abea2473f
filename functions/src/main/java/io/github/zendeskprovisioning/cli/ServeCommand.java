package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.host.LocalHost;
import io.github.zendeskprovisioning.host.ServeKey;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the Function App locally, like func start: the HTTP endpoints, the timer and the queue workers.",
                "Every request needs the key PROVISIONING_SERVE_KEY (made and printed at start when unset) in the",
                "x-functions-key header or the code query parameter; only loopback hosts and serve's own origin are answered."})
final class ServeCommand extends ProductCommand {
    @Option(names = "--port", defaultValue = "7071", description = "HTTP port (default ${DEFAULT-VALUE}, as func start).")
    int port;

    @Option(names = "--no-timer", description = "Do not start cycles on SYNC_SCHEDULE; only on POST sync.")
    boolean noTimer;

    @Override
    protected void validate() {
        if (port < 0 || port > 65535) throw invalid("--port", String.valueOf(port), "is not a TCP port (0 to 65535)");
    }

    @Override
    protected int run(Product product) throws InterruptedException {
        ServeKey key;
        try {
            key = ServeKey.configuredOrGenerated(product.settings().get(Settings.SERVE_KEY));
        } catch (IllegalArgumentException e) {
            err.println("configuration: " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        }
        LocalHost host;
        try {
            host = new LocalHost(product, port, !noTimer, key, err::println).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        out.println("Serving on " + host.baseUrl() + "{test-connection,status,logs,sync,provision,restart,approve-deletions,pause,resume}");
        // The only place the key is ever shown: a generated one is useless unless the operator sees it once.
        out.println(key.generated()
                ? "Key (made for this run; set " + Settings.SERVE_KEY + " to choose one): " + key.reveal()
                : "Key: the value of " + Settings.SERVE_KEY);
        out.println("Send it as the x-functions-key header (or ?code=). Only localhost callers are answered.");
        // The key is shown once only (above); the fragment never leaves the browser, and the page moves it
        // into the tab's session storage.
        out.println("Console: " + host.baseUrl() + "console/#key=<the key> (or open it without and paste the key)");
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
