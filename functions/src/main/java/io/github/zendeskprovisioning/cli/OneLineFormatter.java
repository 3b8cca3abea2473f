package io.github.zendeskprovisioning.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record: {@code warning: <message> (<exception>: <its message>)}. With {@code --verbose} the line
 * starts with the time and the logger's simple name, and an exception's stack trace follows it.
 */
final class OneLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final boolean verbose;

    OneLineFormatter(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder();
        if (verbose) {
            line.append(TIME.format(LocalTime.ofInstant(record.getInstant(), ZoneId.systemDefault()))).append(' ');
        }
        line.append(label(record.getLevel()));
        if (verbose && record.getLoggerName() != null) line.append(' ').append(simpleName(record.getLoggerName()));
        line.append(": ").append(oneLine(formatMessage(record)));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(" (").append(thrown.getClass().getSimpleName());
            if (thrown.getMessage() != null) line.append(": ").append(oneLine(thrown.getMessage()));
            line.append(')');
        }
        line.append(System.lineSeparator());
        if (verbose && thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    static String label(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) return "error";
        if (level.intValue() >= Level.WARNING.intValue()) return "warning";
        if (level.intValue() >= Level.INFO.intValue()) return "info";
        return "detail";
    }

    private static String simpleName(String loggerName) {
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
