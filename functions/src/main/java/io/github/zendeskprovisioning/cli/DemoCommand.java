package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.demo.Demo;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts simulated Entra and Zendesk with a seeded tenant, runs an initial and an incremental cycle, and prints what happened. Needs no configuration.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        return new Demo(System.out).run();
    }
}
