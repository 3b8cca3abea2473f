package io.github.zendeskprovisioning.cli;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneLineFormatterTest {
    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("io.github.zendeskprovisioning.adapters.zendesk.RetryInterceptor");
        r.setThrown(thrown);
        return r;
    }

    @Test
    void aWarningIsOneLineWithoutDateOrClass() {
        String line = new OneLineFormatter(false).format(record(Level.WARNING,
                "GET /api/v2/users/me answered 503; attempt 2 of 4", null));
        assertEquals("warning: GET /api/v2/users/me answered 503; attempt 2 of 4" + System.lineSeparator(), line);
    }

    @Test
    void anExceptionAndAMultiLineMessageStayOnTheLine() {
        String line = new OneLineFormatter(false).format(record(Level.SEVERE, "storage failed\n  Status code 403",
                new IllegalStateException("first\nsecond")));
        assertEquals("error: storage failed | Status code 403 (IllegalStateException: first | second)"
                + System.lineSeparator(), line);
    }

    @Test
    void verboseAddsTimeLoggerAndStackTrace() {
        String text = new OneLineFormatter(true).format(record(Level.INFO, "hello", new IllegalStateException("x")));
        String[] lines = text.split("\\R");
        assertTrue(lines[0].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} info RetryInterceptor: hello \\(IllegalStateException: x\\)"), lines[0]);
        assertTrue(lines.length > 2 && lines[1].startsWith("java.lang.IllegalStateException"), text);
    }
}
