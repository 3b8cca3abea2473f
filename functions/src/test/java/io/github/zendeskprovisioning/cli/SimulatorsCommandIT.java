package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import io.github.zendeskprovisioning.wiring.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `simulators` prints settings that really point the product at them. */
@ExtendWith(AzuriteExtension.class)
class SimulatorsCommandIT {
    private static final Pattern EXPORT = Pattern.compile("^\\s*export (\\w+)='(.*)'$");

    @Test
    void theSettingsSimulatorsPrintsAreEnoughToTestTheConnectionAndProvision(AzuriteExtension.Azurite azurite) throws Exception {
        String jar = System.getProperty("product.jar");
        Process simulators = new ProcessBuilder(List.of("java", "-jar", jar, "simulators")).redirectErrorStream(true).start();
        try {
            Map<String, String> env = new HashMap<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(simulators.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("Then:"); line = out.readLine()) {
                Matcher m = EXPORT.matcher(line);
                if (m.matches()) env.put(m.group(1), m.group(2));
            }
            assertTrue(env.containsKey(Settings.ZENDESK_BASE_URL) && env.containsKey(Settings.GRAPH_BASE_URL), env.toString());
            env.put(Settings.STORAGE, azurite.connectionString());
            assertEquals(0, run(jar, env, "test-connection"));
            assertEquals(0, run(jar, env, "provision", DemoTenant.userId(3)));
        } finally {
            simulators.destroy();
            simulators.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int run(String jar, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar));
        command.addAll(List.of(args));
        Path dir = Files.createTempDirectory("sim-it");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        Settings.NAMES.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        if (p.exitValue() != 0) System.out.println(Files.readString(dir.resolve("out.txt")));
        return p.exitValue();
    }
}
