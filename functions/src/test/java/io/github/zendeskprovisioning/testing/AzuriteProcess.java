package io.github.zendeskprovisioning.testing;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An Azurite process started from the npm-installed package, and stopped (with its folder) at the end. */
final class AzuriteProcess implements ExtensionContext.Store.CloseableResource {
    /** Azurite's published development account (not a secret: it is in Microsoft's documentation). */
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final Path folder;
    private final AzuriteExtension.Azurite azurite;

    private AzuriteProcess(Process process, Path folder, AzuriteExtension.Azurite azurite) {
        this.process = process;
        this.folder = folder;
        this.azurite = azurite;
    }

    AzuriteExtension.Azurite azurite() {
        return azurite;
    }

    static AzuriteProcess start() {
        String home = System.getProperty("azurite.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "dist", "src", "azurite.js"))) {
            throw new IllegalStateException("Azurite is not installed at " + home + " (system property azurite.home):"
                    + " run mvn verify, which runs npm ci at the project root");
        }
        try {
            Path folder = Files.createTempDirectory("azurite-");
            int blob = freePort();
            int queue = freePort();
            int table = freePort();
            Path log = folder.resolve("azurite.out");
            Process process = new ProcessBuilder(List.of("node", Path.of(home, "dist", "src", "azurite.js").toString(),
                    "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                    "--blobPort", String.valueOf(blob), "--queuePort", String.valueOf(queue),
                    "--tablePort", String.valueOf(table), "--inMemoryPersistence",
                    "--skipApiVersionCheck", "--loose", "--silent"))
                    // Azurite 3.37 refuses --location together with --inMemoryPersistence; running in the
                    // temp folder keeps whatever it still writes (its extent metadata) out of the project.
                    .directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AzuriteProcess started = new AzuriteProcess(process, folder, new AzuriteExtension.Azurite(
                    "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                            + ";QueueEndpoint=http://127.0.0.1:" + queue + "/" + ACCOUNT
                            + ";TableEndpoint=http://127.0.0.1:" + table + "/" + ACCOUNT
                            + ";BlobEndpoint=http://127.0.0.1:" + blob + "/" + ACCOUNT + ";",
                    KEY, queue, table));
            started.awaitPorts(log, blob, queue, table);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Azurite with node (is Node.js on the PATH?)", e);
        }
    }

    private void awaitPorts(Path log, int... ports) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    String output = Files.exists(log) ? Files.readString(log) : "";
                    close();
                    throw new IllegalStateException("Azurite did not start listening on 127.0.0.1:" + port + "; its output:\n" + output);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Azurite", e);
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is harmless.
        }
    }
}
