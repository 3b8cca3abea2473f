package io.github.zendeskprovisioning.wiring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AzuriteCheckTest {
    /** A port that was free a moment ago: nothing listens on it. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void withNothingListeningItSaysAzuriteIsNotRunningAndHowToStartIt() throws IOException {
        try (ServerSocket table = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int queue = closedPort();
            StorageNotRunningException e = assertThrows(StorageNotRunningException.class,
                    () -> AzuriteCheck.requireRunning("127.0.0.1", table.getLocalPort(), queue));
            assertTrue(e.getMessage().startsWith("Azurite is not running: nothing answers on 127.0.0.1:" + queue
                    + " (Queue service)"), e.getMessage());
            assertTrue(e.getMessage().contains("UseDevelopmentStorage=true"), e.getMessage());
            assertTrue(e.getMessage().contains("npx azurite --silent --location .azurite"), e.getMessage());
            // A configuration problem: the command line answers it with exit code 2.
            assertTrue(e instanceof SettingsException);
        }
    }

    @Test
    void withBothServicesListeningItPasses() throws IOException {
        try (ServerSocket table = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket queue = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertDoesNotThrow(() -> AzuriteCheck.requireRunning("127.0.0.1", table.getLocalPort(), queue.getLocalPort()));
        }
    }
}
