package io.github.zendeskprovisioning.adapters.entra;

import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.graph.SampleTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bearer token never reaches an exception message, a toString() or a log line, whatever fails. */
class GraphSecretsTest {
    static final String ACCEPTED = "accepted-token-Q7w9";
    static final String WRONG = "wrong-secret-token-K3p8";

    GraphSimulator graph;
    SampleTenant tenant;
    // Handlers are called on whichever thread logs (the SDK's own too), while the test reads the lines.
    final List<String> logged = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream originalOut;
    PrintStream originalErr;
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        graph = GraphSimulator.withToken(ACCEPTED).start();
        tenant = graph.seedSample();
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("").setLevel(Level.ALL);
        originalOut = System.out;
        originalErr = System.err;
        PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("").setLevel(Level.INFO);
        graph.close();
    }

    GraphEntraSource reader(String token) {
        return GraphEntraSource.builder().baseUrl(graph.baseUrl()).credential(GraphCredential.accessToken(token))
                .retryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(5))).sleeper(d -> { }).build();
    }

    @Test
    void rejectedTokenIsNotInTheExceptionOrItsCauses() {
        GraphEntraSource source = reader(WRONG);

        assertClean(WRONG, assertThrows(EntraReadException.class, () -> source.userChanges(null)));
        assertClean(WRONG, assertThrows(EntraReadException.class, () -> source.usersByIds(tenant.users().values())));
        assertClean(WRONG, assertThrows(EntraReadException.class, () -> source.appRoles(tenant.servicePrincipalId())));
        assertNoLeak(WRONG, source.toString());
        assertNoLeak(WRONG, GraphCredential.accessToken(WRONG).toString());
        assertNoLogged(WRONG);
    }

    @Test
    void acceptedTokenIsNotInFailuresOfAnyKind() {
        GraphEntraSource source = reader(ACCEPTED);
        graph.faults().failRequestsContaining("delta", 500, Integer.MAX_VALUE)
                .failRequestsContaining("appRoleAssignedTo", 429, Integer.MAX_VALUE);

        assertClean(ACCEPTED, assertThrows(EntraReadException.class, () -> source.userChanges(null)));
        assertClean(ACCEPTED, assertThrows(EntraReadException.class, () -> source.assignments(tenant.servicePrincipalId(), null)));
        graph.faults().clear();
        graph.faults().throttleNextBatchSteps(10, 1);
        assertClean(ACCEPTED, assertThrows(EntraReadException.class, () -> source.usersByIds(tenant.users().values())));
        graph.close();
        assertClean(ACCEPTED, assertThrows(EntraReadException.class, () -> source.groupChanges(null)));
        assertNoLeak(ACCEPTED, source.toString());
        assertNoLogged(ACCEPTED);
    }

    private void assertClean(String secret, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertNoLeak(secret, t.getMessage());
            assertNoLeak(secret, t.toString());
        }
    }

    private void assertNoLogged(String secret) {
        System.out.flush();
        logged.forEach(line -> assertNoLeak(secret, line));
        assertNoLeak(secret, console.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoLeak(String secret, String text) {
        assertFalse(text != null && text.contains(secret), "the token leaked into: " + text);
    }
}
