package io.github.zendeskprovisioning.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors are found before any setting is read (none is set here): exit 2, naming the parameter and quoting the value. */
class UsageErrorsTest {
    record Result(int exit, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return new Result(cmd.execute(args), err.toString());
    }

    private static void assertUsageError(String expected, String... args) {
        Result r = run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().contains(expected), String.join(" ", args) + ": " + r.err());
    }

    @Test
    void provisionWithSomethingOtherThanAGuidNamesObjectIdAndQuotesIt() {
        assertUsageError("objectId \"not-a-guid\" is not an Entra object id (a GUID)", "provision", "not-a-guid");
    }

    @Test
    void aLongValueIsQuotedCutWithAnEllipsis() {
        String huge = "y".repeat(5000);
        Result r = run("provision", huge);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("objectId \"" + "y".repeat(60) + "…\""), r.err());
        assertFalse(r.err().contains("y".repeat(61)), "the value is cut");

        Result picocli = run("logs", "--top", huge);
        assertEquals(2, picocli.exit());
        assertTrue(picocli.err().contains("--top"), picocli.err());
        assertFalse(picocli.err().contains("y".repeat(61)), picocli.err());
    }

    @Test
    void logsFiltersNameTheOptionAndQuoteTheValue() {
        assertUsageError("--status \"Great\" is not one of Success, Failure, Skipped, Warning", "logs", "--status", "Great");
        assertUsageError("--action \"Explode\" is not one of", "logs", "--action", "Explode");
        assertUsageError("--object \"nope\" is not an Entra object id (a GUID)", "logs", "--object", "nope");
        assertUsageError("--top \"0\" must be a whole number from 1 to", "logs", "--top", "0");
        assertUsageError("--top", "logs", "--top", "abc");
        assertUsageError("--csv \"true\" cannot go with --json", "logs", "--json", "--csv");
    }

    @Test
    void otherCommandsNameTheOptionAndQuoteTheValue() {
        assertUsageError("--scope \"everything\" is not one of watermark, escrows, quarantine, full", "restart", "--scope", "watermark,everything");
        assertUsageError("--port \"70000\" is not a TCP port", "serve", "--port", "70000");
        assertUsageError("--port \"-1\" is not a TCP port", "simulators", "--port", "-1");
        assertUsageError("--users \"0\" must be 1 or more", "benchmark", "--users", "0");
        assertUsageError("'--bogus'", "status", "--bogus");
        assertUsageError("objectId", "provision");
    }
}
