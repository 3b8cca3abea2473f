package io.github.zendeskprovisioning.adapters.retryafter;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The window of one service for every process of this host: a small file, named by the service's host and port,
 * holding the instant (epoch milliseconds) before which nothing may be sent. Writers take a file lock, keep the
 * later of the stored and the new instant, and replace the file atomically, so a reader never sees half a
 * number. The file's directory is normally under {@code java.io.tmpdir}. When the file cannot be used the window
 * still holds for this process (it is also kept in memory) and the trouble is logged once.
 */
public final class HostFileWindow implements RetryAfterWindow {
    private static final Logger LOG = Logger.getLogger(HostFileWindow.class.getName());

    private final Path file;
    private final Path lock;
    private final InProcessWindow memory = new InProcessWindow();
    private volatile boolean warned;

    private HostFileWindow(Path file) {
        this.file = file;
        this.lock = file.resolveSibling(file.getFileName() + ".lock");
    }

    /** The window of the service at {@code serviceUrl} (its host and port name the file) under {@code directory}. */
    public static HostFileWindow forService(Path directory, URI serviceUrl) {
        return new HostFileWindow(directory.resolve(fileName(serviceUrl)));
    }

    /** Under {@code java.io.tmpdir}/zendesk-provisioning-retry-after. */
    public static HostFileWindow forService(URI serviceUrl) {
        return forService(Path.of(System.getProperty("java.io.tmpdir"), "zendesk-provisioning-retry-after"), serviceUrl);
    }

    static String fileName(URI url) {
        String host = url.getHost() == null ? "unknown" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
        return host.replaceAll("[^a-z0-9.-]", "_") + "_" + port + ".retry-after";
    }

    @Override
    public Instant openAt() {
        Instant local = memory.openAt();
        Instant stored = read();
        return stored.isAfter(local) ? stored : local;
    }

    @Override
    public void closeUntil(Instant until) {
        memory.closeUntil(until);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!read().isBefore(until)) {
                    return;
                }
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
                Files.writeString(temp, Long.toString(until.toEpochMilli()), StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            warnOnce(e);
        }
    }

    private Instant read() {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return Instant.EPOCH;
        } catch (IOException | RuntimeException e) {
            warnOnce(e);
            return Instant.EPOCH;
        }
    }

    private void warnOnce(Exception e) {
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, () -> "The shared Retry-After file " + file + " cannot be used ("
                    + e.getClass().getSimpleName() + "); Retry-After windows are kept for this process only");
        }
    }
}
