// Every app setting of the product (shared/CONTRACT.md, "Configuration"), in one place. Deployed after
// access.bicep, so the identity already holds its roles when the host first starts and the Key Vault
// reference resolves. No value here is a secret: storage is reached with the managed identity, and the
// Zendesk secret is a @Microsoft.KeyVault(...) reference. Flex Consumption takes the runtime from
// functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are deliberately absent.

param functionAppName string
param storageAccountName string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param appInsightsName string

@description('Versionless URI of the Zendesk secret in Key Vault.')
param zendeskSecretUri string

@allowed([ 'oauthClientCredentials', 'apiToken', 'oauthAccessToken' ])
param zendeskAuthMode string

param zendeskSubdomain string
param zendeskBaseUrl string
param zendeskEmail string
param zendeskOAuthClientId string
@minValue(10)
param zendeskRequestsPerMinute int
@minValue(1)
param maximumInstanceCount int
param graphBaseUrl string
param provisioningServicePrincipalId string
param provisioningScope string
param provisioningMappings string
param syncSchedule string
param deleteThreshold int
param logRetentionDays int
param dryRun bool
param notificationEmail string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

var zendeskSecretReference = '@Microsoft.KeyVault(SecretUri=${zendeskSecretUri})'

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Identity-based host storage: no connection string, no key. The service URIs are also what the
    // product's own queue and table clients use.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint

    // The connection string names the ingestion endpoint and component; it carries no account key.
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    // The Java agent captures java.util.logging into traces and exports OpenTelemetry API metrics.
    APPLICATIONINSIGHTS_ENABLE_AGENT: 'true'
    // The agent's configuration (applicationinsights.json at the repository root): it samples nothing, so
    // requests, exceptions and the ProvisioningCycleFinished / ProvisioningObjectFailed event lines all arrive.
    // host.json's samplingSettings govern only the host's own telemetry.
    APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: loadTextContent('../../applicationinsights.json')

    ZENDESK_SUBDOMAIN: zendeskSubdomain
    ZENDESK_BASE_URL: zendeskBaseUrl
    // Only the setting of the chosen auth mode points at the secret; the others stay empty (unset).
    ZENDESK_OAUTH_CLIENT_ID: zendeskAuthMode == 'oauthClientCredentials' ? zendeskOAuthClientId : ''
    ZENDESK_OAUTH_CLIENT_SECRET: zendeskAuthMode == 'oauthClientCredentials' ? zendeskSecretReference : ''
    ZENDESK_EMAIL: zendeskAuthMode == 'apiToken' ? zendeskEmail : ''
    ZENDESK_API_TOKEN: zendeskAuthMode == 'apiToken' ? zendeskSecretReference : ''
    ZENDESK_OAUTH_ACCESS_TOKEN: zendeskAuthMode == 'oauthAccessToken' ? zendeskSecretReference : ''
    // One budget for the whole app: each instance paces itself to ZENDESK_REQUESTS_PER_MINUTE divided by the
    // most instances the plan may run, so together they stay under it. A 429's Retry-After reaches every
    // instance through a row of the RetryAfter table.
    ZENDESK_REQUESTS_PER_MINUTE: string(zendeskRequestsPerMinute)
    PROVISIONING_MAX_INSTANCES: string(maximumInstanceCount)

    GRAPH_BASE_URL: graphBaseUrl
    // Always empty in Azure: Graph is called with the managed identity (DefaultAzureCredential).
    GRAPH_ACCESS_TOKEN: ''

    PROVISIONING_SERVICE_PRINCIPAL_ID: provisioningServicePrincipalId
    PROVISIONING_SCOPE: provisioningScope
    PROVISIONING_MAPPINGS: provisioningMappings
    SYNC_SCHEDULE: syncSchedule
    PROVISIONING_DELETE_THRESHOLD: string(deleteThreshold)
    // Lower case on purpose: string(bool) would give 'True'/'False'.
    PROVISIONING_DRY_RUN: dryRun ? 'true' : 'false'
    NOTIFICATION_EMAIL: notificationEmail
    PROVISIONING_LOG_RETENTION_DAYS: string(logRetentionDays)
  }
}
