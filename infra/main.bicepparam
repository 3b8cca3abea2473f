// Example parameters. Copy, fill in your tenant's values, and deploy:
//   export ZENDESK_SECRET='<the OAuth client secret>'     # read below, never written to a file
//   az deployment group create -g rg-zendesk-provisioning -f infra/main.bicep -p infra/main.bicepparam
using 'main.bicep'

param zendeskSubdomain = 'my-tenant'
param zendeskAuthMode = 'oauthClientCredentials'
param zendeskOAuthClientId = 'entra_provisioning'
// The secret comes from the environment of the deploying shell, so it is in no file and no command line.
param zendeskSecret = readEnvironmentVariable('ZENDESK_SECRET', '')
// The app's whole Zendesk budget, shared by its instances (each gets this / maximumInstanceCount).
param zendeskRequestsPerMinute = 700

param provisioningServicePrincipalId = '00000000-0000-0000-0000-000000000000'
param provisioningScope = 'AssignedOnly'
param syncSchedule = '0 */40 * * * *'
param syncPeriodMinutes = 40
param deleteThreshold = 500
param logRetentionDays = 30
param dryRun = false

param notificationEmail = 'zendesk-admins@contoso.com'

param javaVersion = '17'
param instanceMemoryMB = 2048
param maximumInstanceCount = 4

// The Key Vault has no public endpoint; the app reaches it through a private endpoint in a new virtual network.
// Or 'firewall' with keyVaultAllowedIpRules = [ '<the app\'s outbound address>', '<yours>' ].
param keyVaultNetworkMode = 'privateEndpoint'

// Needs a deployer who may grant Microsoft Graph app roles; otherwise false, and see infra/README.md.
param grantGraphPermissions = true
