// Entra ID to Zendesk provisioning: everything the product needs in one resource group, with one command:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
// Least privilege throughout: storage without shared keys, reached with the Function App's managed identity;
// the Zendesk secret in Key Vault (RBAC, no public endpoint by default) behind a Key Vault reference; four
// data-plane roles, each on the one resource it is for (the secret, not the vault), and nothing broader; Graph read permissions granted optionally. See infra/README.md, the runbook.
targetScope = 'resourceGroup'

@description('Region of every resource; a region that offers the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Prefix of resource names.')
@minLength(3)
@maxLength(24)
param baseName string = 'zendesk-provisioning'

@description('Function App name, globally unique (it is the host name).')
param functionAppName string = '${baseName}-${uniqueString(resourceGroup().id)}'

param tags object = {
  product: 'zendesk-provisioning'
}

// ---- Function App sizing -------------------------------------------------------------------------------
@allowed([ '17', '21' ])
param javaVersion string = '17'

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Most instances at once. 4 x 6 queue messages (host.json) = 24 Zendesk bulk jobs in flight, under Zendesk\'s 30.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 4

// ---- Zendesk ---------------------------------------------------------------------------------------------
@description('ZENDESK_SUBDOMAIN: "my-tenant" for https://my-tenant.zendesk.com.')
@minLength(1)
@maxLength(63)
param zendeskSubdomain string

@description('oauthClientCredentials (recommended; API tokens stop working on 2027-04-30), apiToken, or oauthAccessToken.')
@allowed([ 'oauthClientCredentials', 'apiToken', 'oauthAccessToken' ])
param zendeskAuthMode string = 'oauthClientCredentials'

@description('ZENDESK_OAUTH_CLIENT_ID: the unique identifier of the Zendesk OAuth client (oauthClientCredentials).')
param zendeskOAuthClientId string = ''

@description('ZENDESK_EMAIL: the Zendesk admin whose API token is used (apiToken).')
param zendeskEmail string = ''

@description('The Zendesk secret of the chosen auth mode, stored in Key Vault. Empty keeps the stored one.')
@secure()
param zendeskSecret string = ''

@description('ZENDESK_REQUESTS_PER_MINUTE: the most requests the whole app sends Zendesk in a minute, at or below your plan\'s limit (200, 400, 700, 2500). Each instance takes an equal share: this divided by maximumInstanceCount.')
@minValue(10)
param zendeskRequestsPerMinute int = 700

@description('ZENDESK_BASE_URL: only to override https://{subdomain}.zendesk.com.')
param zendeskBaseUrl string = ''

// ---- Entra ID and provisioning behaviour -----------------------------------------------------------------
@description('GRAPH_BASE_URL: only for a national cloud, e.g. https://graph.microsoft.us/v1.0.')
param graphBaseUrl string = ''

@description('PROVISIONING_SERVICE_PRINCIPAL_ID: object id of the Zendesk enterprise application\'s service principal.')
@minLength(36)
@maxLength(36)
param provisioningServicePrincipalId string

@allowed([ 'AssignedOnly', 'AllUsersAndGroups' ])
param provisioningScope string = 'AssignedOnly'

@description('PROVISIONING_MAPPINGS: inline JSON or a path; empty uses the built-in default mapping.')
param provisioningMappings string = ''

@description('SYNC_SCHEDULE: NCRONTAB of the timer.')
param syncSchedule string = '0 */40 * * * *'

@description('The longest gap in minutes between two runs of syncSchedule; the "no completed cycle" alert waits three of them.')
@minValue(5)
@maxValue(960)
param syncPeriodMinutes int = 40

@description('PROVISIONING_DELETE_THRESHOLD: most suspensions + deletions one cycle may make before it is held.')
@minValue(0)
param deleteThreshold int = 500

@description('PROVISIONING_LOG_RETENTION_DAYS: provisioning log entries and cycle bookkeeping older than this are pruned.')
@minValue(1)
param logRetentionDays int = 30

@description('PROVISIONING_DRY_RUN: true computes and logs every action but writes nothing to Zendesk.')
param dryRun bool = false

// ---- Monitoring ------------------------------------------------------------------------------------------
@description('NOTIFICATION_EMAIL: where failure and quarantine alerts go.')
@minLength(3)
param notificationEmail string

@minValue(1)
@maxValue(100)
param objectFailurePercent int = 10

@minValue(1)
param objectFailureMinimum int = 5

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---- Key Vault network ------------------------------------------------------------------------------------
@description('privateEndpoint: the vault has no public endpoint; a virtual network with the app\'s integration subnet and the vault\'s private endpoint is created. firewall: the public endpoint answers only keyVaultAllowedIpRules.')
@allowed([ 'privateEndpoint', 'firewall' ])
param keyVaultNetworkMode string = 'privateEndpoint'

@description('firewall mode: IPv4 addresses or CIDR ranges that may reach the vault: the Function App\'s outbound addresses (e.g. its NAT gateway) and your own, to manage secrets with az keyvault.')
param keyVaultAllowedIpRules array = []

@description('privateEndpoint mode: address space of the virtual network (a /24 or larger; two subnets are cut from it).')
param virtualNetworkAddressPrefix string = '10.40.0.0/24'

@description('Grant the Graph application permissions with the Graph Bicep extension (needs a deployer who may grant app roles).')
param grantGraphPermissions bool = false

var suffix = uniqueString(resourceGroup().id)
var zendeskSecretNames = {
  oauthClientCredentials: 'zendesk-oauth-client-secret'
  apiToken: 'zendesk-api-token'
  oauthAccessToken: 'zendesk-oauth-access-token'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${baseName}-${suffix}'
    appInsightsName: 'appi-${baseName}-${suffix}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${suffix}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module network 'modules/network.bicep' = if (keyVaultNetworkMode == 'privateEndpoint') {
  name: 'network'
  params: {
    name: 'vnet-${baseName}-${suffix}'
    location: location
    tags: tags
    addressPrefix: virtualNetworkAddressPrefix
    appSubnetPrefix: cidrSubnet(virtualNetworkAddressPrefix, 26, 0)
    privateEndpointSubnetPrefix: cidrSubnet(virtualNetworkAddressPrefix, 27, 2)
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: 'kv-${suffix}'
    location: location
    tags: tags
    secretName: zendeskSecretNames[zendeskAuthMode]
    secretValue: zendeskSecret
    networkMode: keyVaultNetworkMode
    allowedIpRules: keyVaultAllowedIpRules
    privateEndpointSubnetId: keyVaultNetworkMode == 'privateEndpoint' ? network.outputs.privateEndpointSubnetId : ''
    virtualNetworkId: keyVaultNetworkMode == 'privateEndpoint' ? network.outputs.id : ''
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: functionAppName
    planName: 'plan-${baseName}-${suffix}'
    location: location
    tags: tags
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    javaVersion: javaVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    virtualNetworkSubnetId: keyVaultNetworkMode == 'privateEndpoint' ? network.outputs.appSubnetId : ''
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    secretName: keyVault.outputs.secretName
  }
}

module appSettings 'modules/app-settings.bicep' = {
  name: 'app-settings'
  dependsOn: [ access ]
  params: {
    functionAppName: functionApp.outputs.name
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    appInsightsName: monitoring.outputs.appInsightsName
    zendeskSecretUri: keyVault.outputs.referenceUri
    zendeskAuthMode: zendeskAuthMode
    zendeskSubdomain: zendeskSubdomain
    zendeskBaseUrl: zendeskBaseUrl
    zendeskEmail: zendeskEmail
    zendeskOAuthClientId: zendeskOAuthClientId
    zendeskRequestsPerMinute: zendeskRequestsPerMinute
    maximumInstanceCount: maximumInstanceCount
    graphBaseUrl: graphBaseUrl
    provisioningServicePrincipalId: provisioningServicePrincipalId
    provisioningScope: provisioningScope
    provisioningMappings: provisioningMappings
    syncSchedule: syncSchedule
    deleteThreshold: deleteThreshold
    logRetentionDays: logRetentionDays
    dryRun: dryRun
    notificationEmail: notificationEmail
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: baseName
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
    notificationEmail: notificationEmail
    syncPeriodMinutes: syncPeriodMinutes
    objectFailurePercent: objectFailurePercent
    objectFailureMinimum: objectFailureMinimum
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: {
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
  }
}

module graphPermissions 'modules/graph-permissions.bicep' = if (grantGraphPermissions) {
  name: 'graph-permissions'
  params: {
    principalId: functionApp.outputs.principalId
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
@description('Object id of the managed identity: the principal of the Graph permissions (infra/README.md).')
output principalId string = functionApp.outputs.principalId
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
