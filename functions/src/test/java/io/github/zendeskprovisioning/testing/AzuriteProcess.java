package io.github.zendeskprovisioning.testing;

import io.github.zendeskprovisioning.benchmarks.AzuriteServer;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tests' Azurite: the npm-installed package started as the benchmark starts it, stopped at the end. */
final class AzuriteProcess implements ExtensionContext.Store.CloseableResource {
    private final AzuriteServer server;

    private AzuriteProcess(AzuriteServer server) {
        this.server = server;
    }

    AzuriteExtension.Azurite azurite() {
        return new AzuriteExtension.Azurite(server.connectionString(), server.accountKey(), server.queuePort(), server.tablePort());
    }

    static AzuriteProcess start() {
        String home = System.getProperty("azurite.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "dist", "src", "azurite.js"))) {
            throw new IllegalStateException("Azurite is not installed at " + home + " (system property azurite.home):"
                    + " run mvn verify, which runs npm ci at the project root");
        }
        return new AzuriteProcess(AzuriteServer.start(Path.of(home)));
    }

    @Override
    public void close() {
        server.close();
    }
}
