// The Function App on the Flex Consumption plan (FC1): Linux, scale to zero, system-assigned identity.
// Linux Consumption (Y1) retires on 2028-09-30, so the product starts on Flex. App settings are written by
// app-settings.bicep once the identity holds its roles, so no Key Vault reference is resolved too early.

param name string
param planName string
param location string
param tags object

@description('Blob container URL the platform deploys the package from (storage.bicep).')
param deploymentContainerUrl string

@allowed([ '17', '21' ])
param javaVersion string

@description('Memory of one instance. 2048 MB: the JVM, the Graph SDK and a batch of 100 users fit with room to spare.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int

@description('Most instances the app may run at once; bounds the parallel calls to Zendesk (see below).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Subnet (delegated to Microsoft.App/environments) the app sends its outbound traffic through; empty: none.')
param virtualNetworkSubnetId string = ''

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // With the Key Vault behind a private endpoint, the app (and its Key Vault references) reach it through here.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            // The package is read with the app's identity (Storage Blob Data Owner), never with a key.
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        // Parallelism is bounded so Zendesk's rate limit holds: each instance works at most
        // batchSize + newBatchThreshold = 4 + 2 = 6 queue messages at once (host.json), each message one
        // batch of up to 100 objects sent as one bulk job. With the default 4 instances that is 24 batches
        // in flight, under Zendesk's 30 queued bulk jobs per account, and the client's pacing and
        // Retry-After handling keep the request rate within the plan's per-minute limit. Raise this only
        // together with host.json and the Zendesk plan's limit.
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'java'
        version: javaVersion
      }
    }
  }
}

// No publishing user name and password: deployments authenticate with Microsoft Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output id string = site.id
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
