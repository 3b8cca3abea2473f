package io.github.zendeskprovisioning.engine.mapping;

import io.github.zendeskprovisioning.engine.mapping.filters.ScopingOperator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading PROVISIONING_MAPPINGS: CONTRACT.md's shape, and every mistake named with its JSON pointer. */
class MappingConfigurationTest {
    /** The example of CONTRACT.md, verbatim. */
    static final String CONTRACT_EXAMPLE = """
            {
              "users": [
                {"target": "name", "expression": "Join(\\" \\", [givenName], [surname])"},
                {"target": "email", "source": ["mail", "userPrincipalName"], "apply": "onCreate"},
                {"target": "organization", "source": "companyName"},
                {"target": "tags", "expression": "Split(ToLower([department]), \\" \\")"}
              ],
              "groups": [{"target": "name", "source": "displayName"}],
              "scopingFilters": [[{"attribute": "department", "operator": "EQUALS", "value": "Support"}]],
              "defaultAccessInScope": false,
              "deleteGroups": false
            }
            """;

    private static List<String> problems(String json) {
        return MappingConfiguration.check(json).stream().map(ConfigurationProblem::toString).toList();
    }

    @Test
    void theContractExampleIsValid() {
        MappingConfiguration c = MappingConfiguration.parse(CONTRACT_EXAMPLE);
        assertEquals(4, c.userMappings().size());
        assertEquals(MappingKind.EXPRESSION, c.userMappings().get(0).kind());
        assertEquals(ApplyWhen.ON_CREATE, c.userMappings().get(1).applyWhen());
        assertEquals(ScopingOperator.EQUALS, c.scopingFilters().filters().get(0).get(0).operator());
        assertTrue(MappingConfiguration.check(CONTRACT_EXAMPLE).isEmpty());
    }

    @Test
    void omittedPartsKeepTheDefaults() {
        MappingConfiguration c = MappingConfiguration.parse("{\"deleteGroups\": true}");
        assertEquals(MappingConfiguration.defaults().userMappings(), c.userMappings());
        assertTrue(c.deleteGroups());
        assertTrue(c.scopingFilters().isEmpty());
    }

    @Test
    void theAttributesTheConfigurationReadsAreListedForTheGraphReader() {
        MappingConfiguration c = MappingConfiguration.parse(CONTRACT_EXAMPLE);
        assertEquals(Set.of("givenName", "surname", "mail", "userPrincipalName", "companyName", "department"), c.referencedUserAttributes());
        assertEquals(Set.of("displayName"), c.referencedGroupAttributes());
    }

    @Test
    void directoryExtensionsManagerAndOnPremisesAttributesAreValidSources() {
        String json = """
                {"users": [
                  {"target": "email", "source": "mail", "apply": "onCreate"},
                  {"target": "user_fields.cost_center", "source": "extension_0123456789abcdef0123456789abcdef_costCenter"},
                  {"target": "notes", "expression": "Join(\\" \\", \\"Manager:\\", [manager])"},
                  {"target": "alias", "source": ["extensionAttribute3", "employeeId"]}
                ]}""";
        assertEquals(List.of(), problems(json));
        assertTrue(MappingConfiguration.parse(json).referencedUserAttributes().contains("extension_0123456789abcdef0123456789abcdef_costCenter"));
    }

    @Test
    void schemaErrorsCarryTheirJsonPointer() {
        List<String> p = problems("""
                {"users": [{"target": "name", "sourc": "displayName"}], "deleteGroups": "yes", "extra": 1}""");
        assertTrue(p.contains("/deleteGroups: string found, boolean expected"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("/users/0: property 'sourc' is not defined in the schema")), p.toString());
        assertTrue(p.contains("/users/0: give exactly one of source, constant or expression"), p.toString());
        assertEquals(4, p.size(), "no echo of the three alternatives: " + p);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("property 'extra' is not defined in the schema")), p.toString());
    }

    @Test
    void aMappingWithTwoKindsIsRefused() {
        List<String> p = problems("{\"users\": [{\"target\": \"email\", \"source\": \"mail\", \"constant\": \"x\", \"apply\": \"onCreate\"}]}");
        assertEquals(List.of("/users/0: give exactly one of source, constant or expression"), p);
    }

    @Test
    void unknownTargetsAreNamed() {
        List<String> p = problems("{\"users\": [{\"target\": \"nickname\", \"source\": \"displayName\"}],"
                + " \"groups\": [{\"target\": \"title\", \"source\": \"displayName\"}]}");
        assertTrue(p.contains("/users/0/target: unknown target \"nickname\": expected a Zendesk user attribute: name, email, phone, alias,"
                + " details, notes, locale, time_zone, organization, tags or user_fields.<key>"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("/groups/0/target: does not have a value in the enumeration")), p.toString());
    }

    @Test
    void unknownOperatorsAreSchemaErrors() {
        List<String> p = problems("{\"scopingFilters\": [[{\"attribute\": \"department\", \"operator\": \"equals\", \"value\": \"x\"}]]}");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("/scopingFilters/0/0/operator: does not have a value in the enumeration"), p.toString());
    }

    @Test
    void expressionErrorsNameTheMappingAndThePosition() {
        List<String> p = problems("{\"users\": [{\"target\": \"email\", \"source\": \"mail\", \"apply\": \"onCreate\"},"
                + " {\"target\": \"name\", \"expression\": \"Join(\\\" \\\", [givenName] [surname])\"}]}");
        assertEquals(List.of("/users/1/expression: mapping 2 (target 'name'): expected ',' or ')' in the arguments of Join,"
                + " found [surname] at column 23"), p);
    }

    @Test
    void unknownFunctionsAreNamed() {
        List<String> p = problems("{\"users\": [{\"target\": \"email\", \"source\": \"mail\", \"apply\": \"onCreate\"},"
                + " {\"target\": \"name\", \"expression\": \"Concat([givenName], [surname])\"}]}");
        assertEquals(List.of("/users/1/expression: mapping 2 (target 'name'): unknown function 'Concat' at column 1"), p);
    }

    @Test
    void unknownAttributesAreNamedWithTheirPosition() {
        List<String> p = problems("{\"users\": [{\"target\": \"email\", \"source\": \"mial\", \"apply\": \"onCreate\"},"
                + " {\"target\": \"name\", \"expression\": \"ToUpper([surnam])\"}],"
                + " \"scopingFilters\": [[{\"attribute\": \"dept\", \"operator\": \"IS NOT NULL\"}]]}");
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("/users/0/source: mapping 1 (target 'email'): unknown attribute 'mial': expected an Entra user attribute"), p.get(0));
        assertTrue(p.get(1).startsWith("/users/1/expression: mapping 2 (target 'name'): unknown attribute [surnam] at column 9"), p.get(1));
        assertTrue(p.get(2).startsWith("/scopingFilters/0/0/attribute: unknown attribute 'dept'"), p.get(2));
    }

    @Test
    void badClauseValuesAreNamed() {
        List<String> p = problems("{\"scopingFilters\": [[{\"attribute\": \"employeeId\", \"operator\": \"Greater_Than\", \"value\": \"many\"}],"
                + " [{\"attribute\": \"department\", \"operator\": \"EQUALS\"}]]}");
        assertEquals(List.of("/scopingFilters/0/0/value: operator 'Greater_Than' compares whole numbers; value 'many' is none",
                "/scopingFilters/1/0: operator 'EQUALS' needs a value"), p);
    }

    @Test
    void emailMustBeMappedAndOnlyOnCreate() {
        assertEquals(List.of("/users: the user mappings must map 'email' (Zendesk needs it to create users)"),
                problems("{\"users\": [{\"target\": \"name\", \"source\": \"displayName\"}]}"));
        List<String> p = problems("{\"users\": [{\"target\": \"email\", \"source\": \"mail\"}]}");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("/users/0/apply: email can only be written on create"), p.get(0));
    }

    @Test
    void targetsAreMappedOnceAndEngineAttributesNever() {
        List<String> p = problems("{\"users\": [{\"target\": \"email\", \"source\": \"mail\", \"apply\": \"onCreate\"},"
                + " {\"target\": \"name\", \"source\": \"displayName\"}, {\"target\": \"name\", \"source\": \"surname\"}]}");
        assertEquals(List.of("/users/2/target: target 'name' is mapped more than once"), p);
        assertTrue(problems("{\"users\": [{\"target\": \"role\", \"constant\": \"admin\"}]}").stream()
                .anyMatch(s -> s.startsWith("/users/0/target")));
    }

    @Test
    void invalidJsonSaysWhere() {
        List<String> p = problems("{\"users\": [}");
        assertEquals(1, p.size());
        assertTrue(p.get(0).equals("not valid JSON: Unexpected close marker '}': expected ']' (line 1, column 12)"), p.get(0));
    }

    @Test
    void parseThrowsWithEveryProblemInTheMessage() {
        MappingConfigurationException e = assertThrows(MappingConfigurationException.class,
                () -> MappingConfiguration.parse("{\"users\": [{\"target\": \"name\", \"expression\": \"toUpper([displayName])\"}]}"));
        assertEquals("PROVISIONING_MAPPINGS is not usable: /users/0/expression: mapping 1 (target 'name'): unknown function 'toUpper'"
                + " (function names are case-sensitive: ToUpper) at column 1", e.getMessage());
        assertFalse(e.problems().isEmpty());
    }

    @Test
    void theSchemaIsShippedWithTheEngine() {
        assertTrue(MappingSchema.text().contains("\"scopingFilters\""));
    }
}
