package io.github.zendeskprovisioning.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code java -jar zendesk-provisioning.jar <command>}: every command of CONTRACT.md. */
@Command(name = "zendesk-provisioning", mixinStandardHelpOptions = true, version = "zendesk-provisioning 0.1.0",
        description = "Provisions users and groups from Microsoft Entra ID into Zendesk.%n"
                + "Settings come from the environment or local.settings.json (see local.settings.sample.json).",
        subcommands = {SyncCommand.class, TestConnectionCommand.class, StatusCommand.class, LogsCommand.class,
                ProvisionCommand.class, RestartCommand.class, ApproveDeletionsCommand.class, PauseCommand.class,
                ResumeCommand.class, ServeCommand.class, SimulatorsCommand.class, DemoCommand.class, MappingsCommand.class,
                BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        ConsoleLogging.configure(false);
        return commandLine().execute(args);
    }

    /** The command line as {@link #run} executes it (tests give it their own output streams). */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrors());
    }

    /** Global: accepted before or after the command's name. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also show information and detail log lines (by default only warnings and errors, one line each).")
    void verbose(boolean verbose) {
        ConsoleLogging.configure(verbose);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
