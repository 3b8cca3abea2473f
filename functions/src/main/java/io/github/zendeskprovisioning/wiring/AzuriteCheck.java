package io.github.zendeskprovisioning.wiring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * {@code UseDevelopmentStorage=true} means Azurite on its default ports. When nothing listens there, the SDK
 * would retry for a minute and then report a connection error; one connect attempt per service tells the
 * user at once what is missing and how to start it.
 */
final class AzuriteCheck {
    static final String HOST = "127.0.0.1";
    static final int QUEUE_PORT = 10001;
    static final int TABLE_PORT = 10002;
    /** Started at the repository root, where the build's {@code npm ci} installed Azurite. */
    static final String START_COMMAND = "npx azurite --silent --location .azurite";
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private AzuriteCheck() {
    }

    static void requireRunning() {
        requireRunning(HOST, TABLE_PORT, QUEUE_PORT);
    }

    static void requireRunning(String host, int tablePort, int queuePort) {
        for (int port : new int[]{tablePort, queuePort}) {
            if (!listening(host, port)) {
                throw new StorageNotRunningException("Azurite is not running: nothing answers on " + host + ":" + port
                        + " (" + (port == tablePort ? "Table" : "Queue") + " service), and " + Settings.STORAGE
                        + " is UseDevelopmentStorage=true. Start it from the repository root, in another terminal: "
                        + START_COMMAND + "  (or point " + Settings.STORAGE + " at a storage account)");
            }
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
