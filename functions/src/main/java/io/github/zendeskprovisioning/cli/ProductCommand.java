package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.engine.state.Requester;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.SettingsException;
import io.github.zendeskprovisioning.wiring.SettingsSource;
import io.github.zendeskprovisioning.wiring.StorageNotRunningException;
import io.github.zendeskprovisioning.wiring.Wiring;
import picocli.CommandLine;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * A command that needs the configured product. A wrong or missing setting is one clear line naming it,
 * and exit code 2; nothing has been written anywhere by then.
 */
abstract class ProductCommand implements Callable<Integer> {
    protected final PrintStream out = System.out;
    protected final PrintStream err = System.err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() {
        // Before any setting is read: a usage error is the same with or without a configuration.
        validate();
        Settings settings;
        Product product;
        try {
            settings = SettingsSource.fromEnvironment();
            product = Wiring.build(settings);
        } catch (StorageNotRunningException e) {
            // Already a full sentence with the command that fixes it.
            err.println(e.getMessage());
            return ExitCodes.CONFIGURATION;
        } catch (SettingsException e) {
            err.println("configuration: " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        } catch (IllegalArgumentException e) {
            err.println("configuration: " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        }
        try (product) {
            return run(product);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return ExitCodes.FAILED;
        } catch (IllegalArgumentException e) {
            // Bad input on the command line (a filter value, a scope name): a usage error, as picocli's own.
            err.println("invalid input: " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        } catch (RuntimeException e) {
            err.println("failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /** Checks the command's own options and parameters; throws {@link CommandLine.ParameterException} (exit 2). */
    protected void validate() {
    }

    /** A usage error naming {@code parameter} and quoting {@code value}. */
    protected final CommandLine.ParameterException invalid(String parameter, String value, String problem) {
        return UsageErrors.invalid(spec, parameter, value, problem);
    }

    protected abstract int run(Product product) throws InterruptedException;

    /** Who the provisioning log names for an action asked on this command line: the OS user, never a secret. */
    static Requester requester() {
        return Requester.commandLine(System.getProperty("user.name"));
    }
}
