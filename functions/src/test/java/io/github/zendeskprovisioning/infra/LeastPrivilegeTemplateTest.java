package io.github.zendeskprovisioning.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.infra.InfraSources.BicepResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No key, no connection string with a key, no secret in a template; the least roles and Graph permissions. */
class LeastPrivilegeTemplateTest {
    static final String STORAGE_BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    static final String STORAGE_QUEUE_DATA_CONTRIBUTOR = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    static final String STORAGE_TABLE_DATA_CONTRIBUTOR = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    static final String KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
    /** Roles that would be broader than the product needs, should one slip in. */
    private static final Map<String, String> BROADER_ROLES = Map.of(
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
            "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator",
            "17d1049b-9a84-46fb-8f53-869881c3d3ab", "Storage Account Contributor",
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor (not the one needed)",
            "00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator",
            "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer");
    static final Set<String> GRAPH_APP_ROLES = Set.of(
            "df021288-bdef-4463-88db-98f22de89214",  // User.Read.All
            "98830695-27a2-44f7-8c18-0c3ebc9698f6",  // GroupMember.Read.All
            "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30"); // Application.Read.All
    private static final List<String> FORBIDDEN = List.of(
            "AccountKey=", "listKeys(", "listkeys(", "DefaultEndpointsProtocol", "SharedAccessSignature",
            "listSecrets(", "listAccountSas(", "listServiceSas(", "InstrumentationKey=", "listkeys ");

    private final InfraSources infra = InfraSources.locate();

    @Test
    void noTemplateHoldsAKeyAConnectionStringWithAKeyOrASecretValue() {
        Map<String, String> files = new HashMap<>(infra.bicepFiles());
        files.put("main.bicepparam", infra.read("main.bicepparam"));
        files.put("bicepconfig.json", infra.read("bicepconfig.json"));
        files.putAll(infra.queries());
        files.forEach((file, text) -> {
            for (String forbidden : FORBIDDEN) assertFalse(text.contains(forbidden), file + " contains " + forbidden);
        });
        // The only literal a secret parameter may have is the empty default.
        infra.bicepFiles().forEach((file, text) -> InfraSources.params(text).forEach((name, defaultValue) -> {
            if (InfraSources.isSecure(text, name)) {
                assertTrue(defaultValue == null || defaultValue.equals("''"), file + ": " + name + " has a default");
            }
        }));
        for (String output : infra.read("modules/key-vault.bicep").split("\n")) {
            if (output.startsWith("output")) assertFalse(output.contains("secretValue"), "a secret in an output");
        }
    }

    @Test
    void storageAllowsNoSharedKeyAndNoPublicBlobAccess() {
        BicepResource storage = single("Microsoft.Storage/storageAccounts", false);
        String props = InfraSources.objectProperty(storage.body(), "properties");
        Map<String, String> entries = InfraSources.entries(props);
        assertEquals("false", entries.get("allowSharedKeyAccess"));
        assertEquals("false", entries.get("allowBlobPublicAccess"));
        assertEquals("true", entries.get("defaultToOAuthAuthentication"));
        assertEquals("'TLS1_2'", entries.get("minimumTlsVersion"));
    }

    @Test
    void keyVaultUsesRbacAuthorizationAndKeepsDeletedSecrets() {
        BicepResource vault = single("Microsoft.KeyVault/vaults", false);
        Map<String, String> entries = InfraSources.entries(InfraSources.objectProperty(vault.body(), "properties"));
        assertEquals("true", entries.get("enableRbacAuthorization"));
        assertEquals("true", entries.get("enableSoftDelete"));
        assertEquals("true", entries.get("enablePurgeProtection"));
        assertFalse(vault.body().contains("accessPolicies"), "RBAC, not access policies");
    }

    @Test
    void roleAssignmentsAreExactlyTheFourDataRolesEachOnItsResourceTheSecretsRoleOnTheSecret() {
        List<BicepResource> assignments = infra.resources().stream()
                .filter(r -> r.type().equals("Microsoft.Authorization/roleAssignments")).toList();
        assertEquals(4, assignments.size(), "role assignments");
        Map<String, String> roleIds = new HashMap<>();
        Map<String, String> resourceTypeBySymbol = new HashMap<>();
        for (BicepResource r : infra.resources()) {
            if (!r.file().equals(assignments.get(0).file())) continue;
            resourceTypeBySymbol.put(r.symbol(), r.type());
        }
        Matcher var = Pattern.compile("(?m)^\\s*(\\w+):\\s*'([0-9a-f-]{36})'").matcher(infra.read(assignments.get(0).file()));
        while (var.find()) roleIds.put(var.group(1), var.group(2));

        Map<String, String> scopeByRole = new HashMap<>();
        for (BicepResource a : assignments) {
            assertFalse(a.header().contains(" if "), "unconditional: " + a.symbol());
            Matcher role = Pattern.compile("roleDefinitions',\\s*roles\\.(\\w+)\\)").matcher(a.body());
            assertTrue(role.find(), a.symbol() + " names its role through the roles variable");
            Matcher scope = Pattern.compile("(?m)^\\s*scope:\\s*(\\w+)\\s*$").matcher(a.body());
            assertTrue(scope.find(), a.symbol() + " is scoped to one resource, not the resource group");
            scopeByRole.put(roleIds.get(role.group(1)), resourceTypeBySymbol.get(scope.group(1)));
            assertTrue(a.body().contains("principalType: 'ServicePrincipal'"));
            assertTrue(a.body().contains("principalId: principalId"));
        }
        assertEquals(Map.of(
                STORAGE_BLOB_DATA_OWNER, "Microsoft.Storage/storageAccounts",
                STORAGE_QUEUE_DATA_CONTRIBUTOR, "Microsoft.Storage/storageAccounts",
                STORAGE_TABLE_DATA_CONTRIBUTOR, "Microsoft.Storage/storageAccounts",
                KEY_VAULT_SECRETS_USER, "Microsoft.KeyVault/vaults/secrets"), scopeByRole);
    }

    @Test
    void noTemplateMentionsABroaderRole() {
        infra.bicepFiles().forEach((file, text) -> BROADER_ROLES.forEach((id, role) ->
                assertFalse(text.contains(id), file + " mentions " + role)));
        long roleDefinitionReferences = infra.bicepFiles().values().stream()
                .mapToLong(t -> t.split("Microsoft.Authorization/roleDefinitions", -1).length - 1).sum();
        assertEquals(4, roleDefinitionReferences, "role definitions referenced");
    }

    @Test
    void graphPermissionsAreTheThreeReadRolesGrantedOptionallyWithTheGraphExtension() throws Exception {
        String module = infra.read("modules/graph-permissions.bicep");
        assertTrue(module.contains("\nextension microsoftGraphV1\n"), "declares the Graph Bicep extension");
        JsonNode config = new ObjectMapper().readTree(infra.read("bicepconfig.json"));
        assertTrue(config.path("extensions").path("microsoftGraphV1").asText()
                .startsWith("br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:"));

        List<String> granted = new ArrayList<>();
        for (BicepResource r : InfraSources.resources("graph", module)) {
            if (!r.type().equals("Microsoft.Graph/appRoleAssignedTo")) continue;
            Matcher role = Pattern.compile("appRoleId:\\s*graphAppRoles\\.(\\w+)").matcher(r.body());
            assertTrue(role.find());
            Matcher id = Pattern.compile(role.group(1) + ":\\s*'([0-9a-f-]{36})'").matcher(module);
            assertTrue(id.find());
            granted.add(id.group(1));
            assertTrue(r.body().contains("resourceId: microsoftGraph.id"), "granted on Microsoft Graph");
        }
        assertEquals(GRAPH_APP_ROLES, Set.copyOf(granted));
        assertEquals(3, granted.size());
        assertTrue(module.contains("appId: '00000003-0000-0000-c000-000000000000'"), "Microsoft Graph's app id");
        assertTrue(infra.read("main.bicep").contains("'modules/graph-permissions.bicep' = if (grantGraphPermissions)"),
                "the Graph module is optional");
        assertEquals("false", InfraSources.params(infra.read("main.bicep")).get("grantGraphPermissions"));
    }

    @Test
    void runbookGivesTheCliEquivalentOfEachGraphPermission() {
        String readme = infra.read("README.md");
        for (String role : GRAPH_APP_ROLES) assertTrue(readme.contains(role), "README names app role " + role);
        for (String name : List.of("User.Read.All", "GroupMember.Read.All", "Application.Read.All")) {
            assertTrue(readme.contains(name), name);
        }
        assertTrue(readme.contains("appRoleAssignedTo"));
        Set<String> guidsInTemplates = infra.bicepFiles().values().stream()
                .flatMap(t -> Pattern.compile("'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'")
                        .matcher(t).results().map(r -> r.group(1)))
                .collect(Collectors.toSet());
        assertTrue(guidsInTemplates.containsAll(GRAPH_APP_ROLES));
    }

    private BicepResource single(String type, boolean existing) {
        List<BicepResource> found = infra.resources().stream()
                .filter(r -> r.type().equals(type) && r.existing() == existing).toList();
        assertEquals(1, found.size(), type);
        return found.get(0);
    }
}
