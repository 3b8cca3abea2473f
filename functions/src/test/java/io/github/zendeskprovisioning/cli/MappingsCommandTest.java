package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.wiring.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mappings check [FILE]} in-process: what it prints and its exit codes (0 valid, 2 not). */
class MappingsCommandTest {
    private static final String VALID = """
            {
              "users": [
                {"target": "name", "expression": "Join(\\" \\", [givenName], [surname])"},
                {"target": "email", "source": ["mail", "userPrincipalName"], "apply": "onCreate"},
                {"target": "organization", "source": "companyName"},
                {"target": "tags", "expression": "Split(ToLower([department]), \\" \\")"}
              ],
              "groups": [{"target": "name", "source": "displayName"}],
              "scopingFilters": [[{"attribute": "department", "operator": "EQUALS", "value": "Support"}]]
            }
            """;
    private static final String INVALID = """
            {
              "users": [
                {"target": "email", "source": "mail", "apply": "onCreate"},
                {"target": "name", "expression": "Join(\\" \\", [givenName], [surnme])"},
                {"target": "notes", "expression": "Concat([department])"},
                {"target": "alias", "sources": "mailNickname"}
              ]
            }
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private int runWithSettings(Map<String, String> values, String... args) {
        Settings settings = new Settings(new HashMap<>(values));
        return new CommandLine(new MappingsCommand.Check(() -> settings))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private Path file(String json) throws IOException {
        Path f = dir.resolve("mappings.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void aValidFileExitsZeroAndSaysWhatItReads() throws IOException {
        Path f = file(VALID);
        assertEquals(ExitCodes.OK, run("mappings", "check", f.toString()));
        assertTrue(out.toString().contains(f + " is valid: 4 user mapping(s), 1 group mapping(s), 1 scoping filter(s)."), out.toString());
        assertTrue(out.toString().contains("Entra user attributes read: givenName, surname, mail, userPrincipalName, companyName, department"),
                out.toString());
    }

    @Test
    void anInvalidFileExitsTwoNamingEachProblemWithPointerMappingAndPosition() throws IOException {
        Path f = file(INVALID);
        assertEquals(ExitCodes.CONFIGURATION, run("mappings", "check", f.toString()));
        String e = err.toString();
        assertTrue(e.startsWith(f + " is not valid (4 problems):"), e);
        assertTrue(e.contains("/users/1/expression: mapping 2 (target 'name'): unknown attribute [surnme] at column 24"), e);
        assertTrue(e.contains("/users/2/expression: mapping 3 (target 'notes'): unknown function 'Concat' at column 1"), e);
        assertTrue(e.contains("/users/3: property 'sources' is not defined in the schema"), e);
        assertTrue(e.contains("/users/3: give exactly one of source, constant or expression"), e);
    }

    @Test
    void anUnknownAttributeAloneIsEnoughToFail() throws IOException {
        Path f = file(INVALID.replace(",\n    {\"target\": \"alias\", \"sources\": \"mailNickname\"}", "")
                .replace("Concat([department])", "ToLower([department])"));
        assertEquals(ExitCodes.CONFIGURATION, run("mappings", "check", f.toString()));
        assertTrue(err.toString().contains("/users/1/expression: mapping 2 (target 'name'): unknown attribute [surnme] at column 24"), err.toString());
    }

    @Test
    void withoutAFileItChecksProvisioningMappings() {
        assertEquals(ExitCodes.CONFIGURATION, runWithSettings(Map.of(Settings.MAPPINGS, "{\"users\": [{\"target\": \"name\"}]}")));
        assertTrue(err.toString().startsWith("PROVISIONING_MAPPINGS (inline JSON) is not valid"), err.toString());
        assertTrue(err.toString().contains("/users/0: give exactly one of source, constant or expression"), err.toString());
    }

    @Test
    void provisioningMappingsMayNameAFile() throws IOException {
        Path f = file(VALID);
        assertEquals(ExitCodes.OK, runWithSettings(Map.of(Settings.MAPPINGS, f.toString())));
        assertTrue(out.toString().startsWith(f + " is valid"), out.toString());
    }

    @Test
    void noConfigurationMeansTheValidDefaults() {
        assertEquals(ExitCodes.OK, runWithSettings(Map.of()));
        assertTrue(out.toString().contains("built-in default mappings apply"), out.toString());
    }

    @Test
    void aMissingFileExitsTwo() {
        assertEquals(ExitCodes.CONFIGURATION, run("mappings", "check", dir.resolve("nope.json").toString()));
        assertTrue(err.toString().contains("nope.json cannot be read"), err.toString());
        assertEquals(ExitCodes.CONFIGURATION, runWithSettings(Map.of(Settings.MAPPINGS, dir.resolve("gone.json").toString())));
        assertTrue(err.toString().contains("PROVISIONING_MAPPINGS names no file and is not inline JSON"), err.toString());
    }

    @Test
    void invalidJsonExitsTwoWithLineAndColumn() throws IOException {
        Path f = file("{\n  \"users\": [\n}");
        assertEquals(ExitCodes.CONFIGURATION, run("mappings", "check", f.toString()));
        assertTrue(err.toString().contains("not valid JSON: Unexpected close marker '}': expected ']' (line 3, column 1)"), err.toString());
    }

    @Test
    void theSchemaCanBePrinted() {
        assertEquals(ExitCodes.OK, run("mappings", "check", "--schema"));
        assertTrue(out.toString().contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), out.toString());
    }

    @Test
    void previewRefusesAnObjectIdThatIsNoGuidAsAUsageErrorBeforeReadingAnySetting() {
        assertEquals(2, run("mappings", "preview", "bob@contoso.com"));
        assertTrue(err.toString().contains("bob@contoso.com"), err.toString());
    }
}
