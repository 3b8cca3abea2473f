package io.github.zendeskprovisioning.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoIT {
    @Test
    void demoNeedsNoConfigurationAndSaysWhatHappened() throws Exception {
        Path dir = Files.createTempDirectory("demo-it");
        Path out = dir.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of("java", "-jar", System.getProperty("product.jar"), "demo"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ZENDESK_") || k.startsWith("GRAPH_") || k.startsWith("PROVISIONING_")
                || k.startsWith("AzureWebJobsStorage"));
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "demo finished");
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("Initial cycle:"), text);
        assertTrue(text.contains("Incremental cycle:"), text);
        assertTrue(text.contains("matched by e-mail"), text);
        assertTrue(text.contains("Disable") && text.contains("Delete") && text.contains("Create"), text);
    }
}
