package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.api.Inputs;
import io.github.zendeskprovisioning.engine.cycle.MappingPreview;
import io.github.zendeskprovisioning.engine.mapping.ConfigurationProblem;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.mapping.MappingSchema;
import io.github.zendeskprovisioning.reports.Json;
import io.github.zendeskprovisioning.reports.PreviewReport;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.SettingsException;
import io.github.zendeskprovisioning.wiring.SettingsSource;
import io.github.zendeskprovisioning.wiring.Wiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code mappings check [FILE]}: the mapping configuration, checked without touching Zendesk, Graph or storage.
 * {@code mappings preview <objectId>}: what a cycle would do with one Entra user, writing nothing.
 */
@Command(name = "mappings", mixinStandardHelpOptions = true,
        description = "Works with the mapping configuration (PROVISIONING_MAPPINGS).",
        subcommands = {MappingsCommand.Check.class, MappingsCommand.Preview.class, CommandLine.HelpCommand.class})
final class MappingsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validates a mapping configuration: JSON Schema errors with their JSON pointer, expression errors "
                    + "with the mapping and position, unknown functions and attributes by name.",
                    "Exit 0 when valid, 2 when not."})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(arity = "0..1", paramLabel = "FILE",
                description = "the configuration file; default: PROVISIONING_MAPPINGS (a path or inline JSON)")
        Path file;

        @CommandLine.Option(names = "--schema", description = "print the configuration's JSON Schema and exit")
        boolean printSchema;

        private final Supplier<Settings> settings;

        Check() {
            this(SettingsSource::fromEnvironment);
        }

        Check(Supplier<Settings> settings) {
            this.settings = settings;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (printSchema) {
                out.println(MappingSchema.text());
                return ExitCodes.OK;
            }
            String json;
            String origin;
            try {
                if (file != null) {
                    origin = file.toString();
                    json = Files.readString(file);
                } else {
                    String value = settings.get().get(Settings.MAPPINGS);
                    if (value == null) {
                        out.println(Settings.MAPPINGS + " is not set: the built-in default mappings apply, and they are valid.");
                        return ExitCodes.OK;
                    }
                    origin = value.trim().startsWith("{") ? Settings.MAPPINGS + " (inline JSON)" : value;
                    json = Wiring.mappingsText(value);
                }
            } catch (IOException e) {
                err.println(file + " cannot be read: " + e.getClass().getSimpleName());
                return ExitCodes.CONFIGURATION;
            } catch (SettingsException e) {
                err.println("configuration: " + e.getMessage());
                return ExitCodes.CONFIGURATION;
            }
            List<ConfigurationProblem> problems = MappingConfiguration.check(json);
            if (!problems.isEmpty()) {
                err.println(origin + " is not valid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
                problems.forEach(p -> err.println("  " + p));
                return ExitCodes.CONFIGURATION;
            }
            MappingConfiguration c = MappingConfiguration.parse(json);
            out.println(origin + " is valid: " + c.userMappings().size() + " user mapping(s), " + c.groupMappings().size()
                    + " group mapping(s), " + c.scopingFilters().filters().size() + " scoping filter(s).");
            out.println("Entra user attributes read: " + String.join(", ", c.referencedUserAttributes()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = {"For one Entra user: each mapping's source values and result, each scoping clause's verdict, "
                    + "the scope and role, and the Zendesk record a cycle would write, against the live one. Writes nothing.",
                    "Exit 0 done, 1 failed, 2 bad object id or configuration."})
    static final class Preview extends ProductCommand {
        @CommandLine.Parameters(paramLabel = "objectId", description = "The Entra object id of a user.")
        String objectId;

        @CommandLine.Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        protected void validate() {
            if (!Inputs.isObjectId(objectId.trim())) {
                throw new CommandLine.ParameterException(spec.commandLine(), Inputs.notObjectId("objectId", objectId));
            }
            objectId = objectId.trim();
        }

        @Override
        protected int run(Product product) {
            MappingPreview.Result r;
            try {
                r = product.engine().preview(objectId);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return ExitCodes.CONFIGURATION;
            }
            out.print(json ? new Json().write(r) + System.lineSeparator() : new PreviewReport().text(r));
            return ExitCodes.OK;
        }
    }
}
