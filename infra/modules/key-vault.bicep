// Holds the one Zendesk secret (the OAuth client secret, the API token, or a fixed OAuth token, by auth mode).
// RBAC authorization, no access policies: the app reads it as Key Vault Secrets User (access.bicep) through a
// @Microsoft.KeyVault(...) reference in its app settings, so the value never sits in plain configuration.

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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
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

output name string = vault.name
output id string = vault.id
@description('Versionless secret URI: the app setting reference follows rotations without a redeploy.')
output referenceUri string = '${vault.properties.vaultUri}secrets/${secretName}/'
