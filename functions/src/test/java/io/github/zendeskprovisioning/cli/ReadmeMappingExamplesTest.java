package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping configurations the README shows are valid, so the documentation cannot drift from the checker. */
class ReadmeMappingExamplesTest {
    @Test
    void everyJsonExampleOfTheMappingSectionIsValid() throws IOException {
        Path readme = Path.of("../README.md").toAbsolutePath().normalize();
        if (!Files.isRegularFile(readme)) readme = Path.of(System.getProperty("user.dir"), "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("### Mapping configuration");
        String section = text.substring(start, text.indexOf("\n## ", start));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> examples = new ArrayList<>();
        while (m.find()) examples.add(m.group(1));
        assertEquals(2, examples.size(), "the defaults and the fuller example");
        for (String json : examples) {
            assertEquals(List.of(), MappingConfiguration.check(json), json);
        }
        assertEquals(MappingConfiguration.defaults(), MappingConfiguration.parse(examples.get(0)), "the defaults shown are the defaults");
        assertTrue(MappingConfiguration.parse(examples.get(1)).scopingFilters().filters().size() == 2);
    }
}
