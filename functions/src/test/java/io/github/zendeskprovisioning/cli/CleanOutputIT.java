package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import io.github.zendeskprovisioning.wiring.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the packaged jar prints besides its own output: the SDKs and the product log through one backend (no
 * SLF4J complaint), warnings one line each, more with {@code --verbose}; and a missing Azurite is named as such.
 */
@ExtendWith(AzuriteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CleanOutputIT {
    private static final String JAR = System.getProperty("product.jar");
    /** java.util.logging's default first line: "Dec 05, 2026 12:00:00 PM some.Class method". */
    private static final String JUL_DEFAULT_HEADER = "^[A-Z][a-z]{2} \\d{1,2}, \\d{4} .*";
    private final SimulatedWorld world = SimulatedWorld.demo(0);
    private final Map<String, String> env = new HashMap<>();
    private final Path workDir;

    record Run(int exit, String out, String err) {
    }

    CleanOutputIT(AzuriteExtension.Azurite azurite) throws IOException {
        env.putAll(world.settingsValues());
        // API-token auth: the first Zendesk request is then a GET, which the client retries (and warns about).
        env.remove(Settings.ZENDESK_OAUTH_CLIENT_ID);
        env.remove(Settings.ZENDESK_OAUTH_CLIENT_SECRET);
        env.put(Settings.ZENDESK_EMAIL, ZendeskSimulator.SEED_ADMIN_EMAIL);
        env.put(Settings.ZENDESK_API_TOKEN, ZendeskSimulator.SEED_API_TOKEN);
        env.put(Settings.STORAGE, azurite.connectionString());
        workDir = Files.createTempDirectory("clean-output-it");
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private Run run(Map<String, String> overrides, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> Settings.NAMES.contains(k) || k.startsWith(Settings.STORAGE));
        pb.environment().putAll(env);
        pb.environment().putAll(overrides);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertNoSlf4jOrTwoLineRecords(Run r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("SLF4J"), all);
        for (String line : all.split("\\R")) assertFalse(line.matches(JUL_DEFAULT_HEADER), line);
        assertFalse(all.contains("\nWARNING: ") || all.startsWith("WARNING: "), all);
    }

    @Test
    void aRetriedZendeskCallIsOneWarningLineAndTheSdksSayNothing() throws Exception {
        world.zendesk().failNextRequests(1, 503);
        Run r = run(Map.of(), "test-connection");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertNoSlf4jOrTwoLineRecords(r);
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).matches("warning: GET /api/v2/\\S+ answered 503; attempt 2 of \\d+"), warnings.get(0));
        assertEquals(List.of(), r.err().lines().filter(l -> !l.startsWith("warning: ")).toList(), "only warnings on stderr");
    }

    @Test
    void verboseShowsTheProductsDetailLinesToo() throws Exception {
        Map<String, String> oauth = Map.of(Settings.ZENDESK_EMAIL, "", Settings.ZENDESK_API_TOKEN, "",
                Settings.ZENDESK_OAUTH_CLIENT_ID, ZendeskSimulator.SEED_OAUTH_CLIENT_ID,
                Settings.ZENDESK_OAUTH_CLIENT_SECRET, ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET);
        Run quiet = run(oauth, "test-connection");
        Run verbose = run(oauth, "test-connection", "--verbose");
        assertEquals(0, quiet.exit(), quiet.err());
        assertEquals(0, verbose.exit(), verbose.err());
        assertNoSlf4jOrTwoLineRecords(quiet);
        assertNoSlf4jOrTwoLineRecords(verbose);
        assertEquals("", quiet.err());
        assertTrue(verbose.err().lines().anyMatch(l -> l.matches(
                "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} detail OAuthTokenSource: obtained a Zendesk OAuth access token .*")), verbose.err());
        assertFalse(verbose.err().contains(ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET));
        // Also accepted before the command's name: the option is global.
        Run before = run(oauth, "--verbose", "test-connection");
        assertTrue(before.err().contains("OAuthTokenSource"), before.err());
    }

    @Test
    void developmentStorageWithNothingListeningSaysAzuriteIsNotRunning() throws Exception {
        assumeTrue(!listening(10001) && !listening(10002), "something listens on Azurite's default ports");
        Run r = run(Map.of(Settings.STORAGE, "UseDevelopmentStorage=true"), "status");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertNoSlf4jOrTwoLineRecords(r);
        assertTrue(r.err().startsWith("Azurite is not running: nothing answers on 127.0.0.1:10002"), r.err());
        assertTrue(r.err().contains("npx azurite --silent --location .azurite"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
