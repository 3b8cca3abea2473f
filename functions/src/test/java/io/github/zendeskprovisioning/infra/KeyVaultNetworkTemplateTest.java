package io.github.zendeskprovisioning.infra;

import io.github.zendeskprovisioning.infra.InfraSources.BicepResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Key Vault is never open to the internet, and the app's role reaches the one secret it reads. */
class KeyVaultNetworkTemplateTest {
    private final InfraSources infra = InfraSources.locate();

    private BicepResource resource(String file, String type) {
        List<BicepResource> found = InfraSources.resources(file, infra.read(file)).stream()
                .filter(r -> r.type().equals(type)).toList();
        assertEquals(1, found.size(), type + " in " + file);
        return found.get(0);
    }

    private Map<String, String> vaultProperties() {
        return InfraSources.entries(InfraSources.objectProperty(resource("modules/key-vault.bicep", "Microsoft.KeyVault/vaults").body(), "properties"));
    }

    @Test
    void publicNetworkAccessIsNeverEnabledByDefaultAndEverythingNotListedIsDenied() {
        assertEquals("'privateEndpoint'", InfraSources.params(infra.read("main.bicep")).get("keyVaultNetworkMode"));
        assertEquals("privateEndpoint ? 'Disabled' : 'Enabled'", vaultProperties().get("publicNetworkAccess"));
        assertTrue(infra.read("modules/key-vault.bicep").contains("var privateEndpoint = networkMode == 'privateEndpoint'"));
        String acls = InfraSources.objectProperty(resource("modules/key-vault.bicep", "Microsoft.KeyVault/vaults").body(), "networkAcls");
        Map<String, String> entries = InfraSources.entries(acls);
        assertEquals("'Deny'", entries.get("defaultAction"));
        assertEquals("'None'", entries.get("bypass"));
        assertTrue(acls.contains("ipRules: [for rule in (privateEndpoint ? [] : allowedIpRules)"), acls);
        assertFalse(infra.read("modules/key-vault.bicep").contains("defaultAction: 'Allow'"));
    }

    @Test
    void firewallModeAdmitsOnlyTheAddressesTheOperatorGives() {
        Map<String, String> main = InfraSources.params(infra.read("main.bicep"));
        assertEquals("[]", main.get("keyVaultAllowedIpRules"));
        String module = infra.read("main.bicep");
        assertTrue(module.contains("networkMode: keyVaultNetworkMode"));
        assertTrue(module.contains("allowedIpRules: keyVaultAllowedIpRules"));
    }

    @Test
    void privateEndpointModeGivesTheVaultAPrivateEndpointAndTheAppARouteToIt() {
        BicepResource endpoint = resource("modules/key-vault.bicep", "Microsoft.Network/privateEndpoints");
        assertTrue(endpoint.header().contains("if (privateEndpoint)"));
        assertTrue(endpoint.body().contains("privateLinkServiceId: vault.id"));
        assertTrue(endpoint.body().contains("groupIds: [ 'vault' ]"));
        assertTrue(endpoint.body().contains("id: privateEndpointSubnetId"));
        BicepResource zone = resource("modules/key-vault.bicep", "Microsoft.Network/privateDnsZones");
        assertTrue(zone.body().contains("name: 'privatelink.vaultcore.azure.net'"));
        assertTrue(resource("modules/key-vault.bicep", "Microsoft.Network/privateDnsZones/virtualNetworkLinks").body()
                .contains("id: virtualNetworkId"));
        assertTrue(resource("modules/key-vault.bicep", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups").body()
                .contains("privateDnsZoneId: dnsZone.id"));

        String main = infra.read("main.bicep");
        assertTrue(main.contains("module network 'modules/network.bicep' = if (keyVaultNetworkMode == 'privateEndpoint')"));
        assertTrue(main.contains("virtualNetworkSubnetId: keyVaultNetworkMode == 'privateEndpoint' ? network.outputs.appSubnetId : ''"));
        assertTrue(InfraSources.entries(InfraSources.objectProperty(resource("modules/function-app.bicep", "Microsoft.Web/sites").body(),
                "properties")).get("virtualNetworkSubnetId").contains("virtualNetworkSubnetId"));
        String network = infra.read("modules/network.bicep");
        assertTrue(network.contains("serviceName: 'Microsoft.App/environments'"), "Flex Consumption's subnet delegation");
    }

    @Test
    void theSecretsUserRoleIsGrantedOnTheZendeskSecretNotTheVault() {
        String access = infra.read("modules/access.bicep");
        BicepResource secret = resource("modules/access.bicep", "Microsoft.KeyVault/vaults/secrets");
        assertTrue(secret.existing());
        assertTrue(secret.body().contains("parent: vault") && secret.body().contains("name: secretName"));
        BicepResource grant = InfraSources.resources("modules/access.bicep", access).stream()
                .filter(r -> r.body().contains("roles.keyVaultSecretsUser)")).findFirst().orElseThrow();
        assertTrue(grant.body().contains("scope: " + secret.symbol() + "\n"), grant.body());
        assertFalse(grant.body().contains("scope: vault"));
        assertTrue(infra.read("main.bicep").contains("secretName: keyVault.outputs.secretName"));
    }

    @Test
    void runbookSaysWhatChangedForAnOperator() {
        String readme = infra.read("README.md");
        for (String word : List.of("keyVaultNetworkMode", "keyVaultAllowedIpRules", "privateEndpoint", "firewall",
                "privatelink.vaultcore.azure.net")) {
            assertTrue(readme.contains(word), word);
        }
    }
}
