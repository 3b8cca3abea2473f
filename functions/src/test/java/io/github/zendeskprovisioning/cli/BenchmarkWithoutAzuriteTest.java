package io.github.zendeskprovisioning.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A benchmark that cannot have Azurite says why in one line and exits 2 (configuration), with no stack trace. */
class BenchmarkWithoutAzuriteTest {
    @Test
    void anAzuriteThatDoesNotStartIsOneLineAndExitCodeTwo(@TempDir Path home) throws IOException {
        // An "installation" whose script exits at once, found first through the azurite.home property.
        Path script = home.resolve("dist/src/azurite.js");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "console.log('not really Azurite'); process.exit(3);\n");
        String before = System.getProperty("azurite.home");
        System.setProperty("azurite.home", home.toString());
        StringWriter err = new StringWriter();
        int exit;
        try {
            CommandLine cmd = Main.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            cmd.setOut(new PrintWriter(new StringWriter(), true));
            exit = cmd.execute("benchmark", "--users", "10", "--changes", "1", "--json");
        } finally {
            if (before == null) System.clearProperty("azurite.home");
            else System.setProperty("azurite.home", before);
        }
        assertEquals(ExitCodes.CONFIGURATION, exit, err.toString());
        assertTrue(err.toString().startsWith("benchmark: Azurite did not start listening"), err.toString());
        assertTrue(err.toString().contains("not really Azurite"), "its output is quoted: " + err);
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }
}
