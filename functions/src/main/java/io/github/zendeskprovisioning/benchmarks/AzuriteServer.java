package io.github.zendeskprovisioning.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Azurite for the benchmark, started as the build starts it for the tests: {@code node} running the package the
 * build's {@code npm ci} installed in {@code node_modules/azurite} at the repository root, in memory, on free
 * ports of 127.0.0.1, in a temporary folder removed at the end. Found from {@code -Dazurite.home}, else the
 * {@code AZURITE_HOME} environment variable, else {@code node_modules/azurite} in the working directory or a
 * parent of it or of the jar. The build's Azurite-backed tests start theirs through {@link #start(Path)} too.
 */
public final class AzuriteServer implements AutoCloseable {
    /** Azurite's published development account (not a secret: it is in Microsoft's documentation). */
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final String SCRIPT = "dist/src/azurite.js";

    private final Process process;
    private final Path folder;
    private final String connectionString;
    private final int queuePort;
    private final int tablePort;

    private AzuriteServer(Process process, Path folder, String connectionString, int queuePort, int tablePort) {
        this.process = process;
        this.folder = folder;
        this.connectionString = connectionString;
        this.queuePort = queuePort;
        this.tablePort = tablePort;
    }

    public String connectionString() {
        return connectionString;
    }

    /** The development account's key: Azurite's published one, not a secret. */
    public String accountKey() {
        return KEY;
    }

    public int queuePort() {
        return queuePort;
    }

    public int tablePort() {
        return tablePort;
    }

    static AzuriteServer start() {
        Path home = home().orElseThrow(() -> new AzuriteUnavailableException("Azurite is not installed: no "
                + "node_modules/azurite in " + Path.of("").toAbsolutePath() + " or a parent folder (run `npm ci` at the"
                + " repository root, set AZURITE_HOME, or give --storage <connection string> or --in-memory)"));
        return start(home);
    }

    /** Starts the Azurite package installed at {@code home} (its {@code dist/src/azurite.js}). */
    public static AzuriteServer start(Path home) {
        try {
            Path folder = Files.createTempDirectory("azurite-benchmark-");
            int blob = freePort();
            int queue = freePort();
            int table = freePort();
            Path log = folder.resolve("azurite.out");
            Process process = new ProcessBuilder(List.of("node", home.resolve(SCRIPT).toString(),
                    "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                    "--blobPort", String.valueOf(blob), "--queuePort", String.valueOf(queue),
                    "--tablePort", String.valueOf(table), "--inMemoryPersistence",
                    "--skipApiVersionCheck", "--loose", "--silent"))
                    // Azurite refuses --location with --inMemoryPersistence; the temp folder takes what it still writes.
                    .directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AzuriteServer server = new AzuriteServer(process, folder,
                    "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                            + ";QueueEndpoint=http://127.0.0.1:" + queue + "/" + ACCOUNT
                            + ";TableEndpoint=http://127.0.0.1:" + table + "/" + ACCOUNT
                            + ";BlobEndpoint=http://127.0.0.1:" + blob + "/" + ACCOUNT + ";", queue, table);
            server.awaitPorts(log, blob, queue, table);
            return server;
        } catch (IOException e) {
            throw new AzuriteUnavailableException("could not start Azurite with node (is Node.js on the PATH?): " + e.getMessage(), e);
        }
    }

    private static Optional<Path> home() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("azurite.home");
        if (property != null) candidates.add(Path.of(property));
        String env = System.getenv("AZURITE_HOME");
        if (env != null) candidates.add(Path.of(env));
        for (Path start : startingPoints()) {
            for (Path p = start; p != null; p = p.getParent()) candidates.add(p.resolve("node_modules").resolve("azurite"));
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve(SCRIPT))).findFirst();
    }

    private static List<Path> startingPoints() {
        List<Path> starts = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        try {
            var source = AzuriteServer.class.getProtectionDomain().getCodeSource();
            if (source != null) starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            // Only a hint where to look; the working directory is searched anyway.
        }
        return starts;
    }

    private void awaitPorts(Path log, int... ports) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    String output = Files.exists(log) ? Files.readString(log) : "";
                    close();
                    throw new AzuriteUnavailableException("Azurite did not start listening on 127.0.0.1:" + port + "; its output:\n"
                            + output.substring(0, Math.min(2_000, output.length())));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
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
