// Holds the one Zendesk secret (the OAuth client secret, the API token, or a fixed OAuth token, by auth mode).
// RBAC authorization, no access policies: the app reads it as Key Vault Secrets User on that one secret
// (access.bicep) through a @Microsoft.KeyVault(...) reference in its app settings, so the value never sits
// in plain configuration.
// Network: never open to the internet. 'privateEndpoint' (the default): no public endpoint at all; the app
// reaches the vault through a private endpoint in its virtual network (network.bicep). 'firewall': the public
// endpoint answers only the listed addresses (the Function App's outbound addresses, e.g. its NAT gateway's,
// and the operator's). The secret itself is written through Azure Resource Manager, which these rules do not
// stop, so deploying (and rotating by deploying again) works in both modes.

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Name of the secret the app settings reference.')
param secretName string

@description('The Zendesk secret. Empty: the secret is left as it is (set it on a later run, or with az keyvault secret set).')
@secure()
param secretValue string = ''

@allowed([ 'privateEndpoint', 'firewall' ])
param networkMode string

@description('firewall: the addresses or CIDR ranges (IPv4) that may reach the vault; everything else is refused.')
param allowedIpRules array = []

@description('privateEndpoint: the subnet of the private endpoint, and the virtual network the DNS zone is linked to.')
param privateEndpointSubnetId string = ''
param virtualNetworkId string = ''

var privateEndpoint = networkMode == 'privateEndpoint'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: privateEndpoint ? 'Disabled' : 'Enabled'
    networkAcls: {
      // No trusted-service bypass: the app's Key Vault references are not a trusted service, and nothing else
      // needs the data plane.
      bypass: 'None'
      defaultAction: 'Deny'
      ipRules: [for rule in (privateEndpoint ? [] : allowedIpRules): {
        value: rule
      }]
    }
  }
}

// Written only when a value is passed, so a redeploy without the secret keeps the stored one.
resource zendeskSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(secretValue)) {
  parent: vault
  name: secretName
  properties: {
    value: secretValue
    contentType: 'text/plain'
  }
}

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (privateEndpoint) {
  // Azure public cloud's private zone of Key Vault: the vault's name resolves to the private address in the VNet.
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource dnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (privateEndpoint) {
  parent: dnsZone
  name: 'vault-dns-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: virtualNetworkId
    }
  }
}

resource vaultEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (privateEndpoint) {
  name: '${name}-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}

resource vaultEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (privateEndpoint) {
  parent: vaultEndpoint
  name: 'vault'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: {
          privateDnsZoneId: dnsZone.id
        }
      }
    ]
  }
}

output name string = vault.name
output id string = vault.id
output secretName string = secretName
@description('Versionless secret URI: the app setting reference follows rotations without a redeploy.')
output referenceUri string = '${vault.properties.vaultUri}secrets/${secretName}/'
