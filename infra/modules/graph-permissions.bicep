// Optional: grants the Function App's managed identity the Microsoft Graph application permissions it needs,
// with the Microsoft Graph Bicep extension (declared in ../bicepconfig.json). The deployer must be allowed to
// grant app roles (Privileged Role Administrator, or Cloud Application Administrator with
// AppRoleAssignment.ReadWrite.All); where that is not so, deploy with grantGraphPermissions=false and have an
// administrator run the equivalent Azure CLI commands of infra/README.md. All three are read-only.

extension microsoftGraphV1

@description('Object id of the Function App\'s system-assigned managed identity (its service principal).')
param principalId string

// Application permission (app role) ids of Microsoft Graph, the same in every tenant.
var graphAppRoles = {
  // Read every user's profile, accountEnabled and deleted state (users, users/delta, directory/deletedItems).
  userReadAll: 'df021288-bdef-4463-88db-98f22de89214'
  // Read groups and their direct members (groups, groups/delta, members) without the broader Group.Read.All.
  groupMemberReadAll: '98830695-27a2-44f7-8c18-0c3ebc9698f6'
  // Read the Zendesk enterprise application's service principal: its appRoles and appRoleAssignedTo,
  // which define the assigned scope and each user's Zendesk role.
  applicationReadAll: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30'
}

// Microsoft Graph's own service principal in the tenant, found by its well-known application id.
resource microsoftGraph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

resource userReadAll 'Microsoft.Graph/appRoleAssignedTo@v1.0' = {
  resourceId: microsoftGraph.id
  appRoleId: graphAppRoles.userReadAll
  principalId: principalId
}

resource groupMemberReadAll 'Microsoft.Graph/appRoleAssignedTo@v1.0' = {
  resourceId: microsoftGraph.id
  appRoleId: graphAppRoles.groupMemberReadAll
  principalId: principalId
}

resource applicationReadAll 'Microsoft.Graph/appRoleAssignedTo@v1.0' = {
  resourceId: microsoftGraph.id
  appRoleId: graphAppRoles.applicationReadAll
  principalId: principalId
}
