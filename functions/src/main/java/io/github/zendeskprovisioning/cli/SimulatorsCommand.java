package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.demo.SimulatedWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "simulators", mixinStandardHelpOptions = true,
        description = "Starts the Microsoft Graph and Zendesk simulators alone, seeded with the demo tenant, and prints the settings that point the product at them.")
final class SimulatorsCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "Zendesk simulator port; Graph listens on the next one (default: free ports).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65534) {
            throw UsageErrors.invalid(spec, "--port", String.valueOf(port), "is not a TCP port with a free one after it (0 to 65534)");
        }
        SimulatedWorld world = SimulatedWorld.demo(port);
        System.out.println("Zendesk simulator: " + world.zendesk().baseUrl());
        System.out.println("Graph simulator:   " + world.graph().baseUrl());
        System.out.println();
        System.out.println("Point the product at them (bash), with Azurite or another storage account:");
        System.out.println("  export AzureWebJobsStorage='UseDevelopmentStorage=true'");
        world.settingsValues().forEach((k, v) -> System.out.println("  export " + k + "='" + v + "'"));
        System.out.println();
        System.out.println("Then: java -jar functions/target/zendesk-provisioning.jar sync   (Ctrl+C here to stop the simulators)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            world.close();
            stop.countDown();
        }));
        stop.await();
        return ExitCodes.OK;
    }
}
