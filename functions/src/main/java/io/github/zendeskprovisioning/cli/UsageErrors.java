package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.api.Inputs;
import io.github.zendeskprovisioning.api.Quoted;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line usage errors: each names the option or parameter and quotes the value, cut to a readable
 * length, and exits with 2 (picocli's own, for unknown options and unconvertible values, included).
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    /** A value picocli quoted in single quotes; long ones are cut as {@link Quoted} cuts them. */
    private static final Pattern QUOTED = Pattern.compile("'([^']{" + (Quoted.MAX_CHARS + 1) + ",})'");

    static ParameterException invalid(CommandSpec spec, String parameter, String value, String problem) {
        return new ParameterException(spec.commandLine(), Inputs.invalid(parameter, value, problem));
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + cut(ex.getMessage()));
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return ExitCodes.CONFIGURATION;
    }

    static String cut(String message) {
        if (message == null) return "invalid usage";
        Matcher m = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(Quoted.value(m.group(1))));
        m.appendTail(out);
        return out.toString();
    }
}
